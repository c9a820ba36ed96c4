import { localFiles } from '../../../connect/files/local-files';
import { generateMasConfig } from '../../../engine/config/generate-mas-config';
import { homeserverSection } from '../../../engine/config/homeserver-section';
import { refuseExisting, saveConfigFile } from '../../../engine/config/save-config-file';
import { loadSynapseConfig } from '../../../engine/config/synapse-config';
import { parseCommandArgs, requireFiles } from '../args';
import { type CliIO, reportFailure } from '../cli-io';

export const configGenerateUsage = `Usage: mas-migrator config generate --synapse-config homeserver.yaml [--output mas.yaml] [--force]

Generates a complete MAS config (fresh secrets and keys) from Synapse's, and
lists what could not be carried over.

  --synapse-config FILE   Synapse config file, or folder of *.yaml files such as conf.d
                          (repeat to merge several, in order, as Synapse does)
  --output FILE           write the MAS config there instead of to standard output
  --synapse-section FILE  also write the matrix_authentication_service section for homeserver.yaml
  --force                 overwrite existing files (a timestamped .bak-… copy is kept)
  --help                  print this help

Exit codes: 0 generated (warnings go to standard error), 2 bad input or a file that would be overwritten, 1 unexpected failure.
`;

const options = {
  'synapse-config': { type: 'string', multiple: true },
  output: { type: 'string' },
  'synapse-section': { type: 'string' },
  force: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

/** `config generate` (SPEC §7/§8). Never overwrites a file without --force. */
export async function runConfigGenerate(args: string[], io: CliIO): Promise<number> {
  try {
    const values = parseCommandArgs('config generate', args, options);
    if (values.help) {
      io.stdout.write(configGenerateUsage);
      return 0;
    }
    const synapse = await loadSynapseConfig(requireFiles('config generate', 'synapse-config', values['synapse-config']));
    const targets = [values.output, values['synapse-section']].filter((t): t is string => t !== undefined);
    if (!values.force) await refuseExisting(localFiles, targets);
    const generated = await generateMasConfig(synapse);
    const overwrite = values.force;
    const written: string[] = [];
    if (values.output) {
      const saved = await saveConfigFile(localFiles, values.output, generated.yaml, { overwrite });
      written.push(`Wrote the MAS config to ${saved.path}${saved.backup ? ` (previous file kept as ${saved.backup})` : ''}.`);
    } else {
      io.stdout.write(generated.yaml);
    }
    if (values['synapse-section']) {
      const saved = await saveConfigFile(localFiles, values['synapse-section'], homeserverSection(generated.document), { overwrite });
      written.push(`Wrote the homeserver.yaml section to ${saved.path}${saved.backup ? ` (previous file kept as ${saved.backup})` : ''}.`);
    }
    const warnings = generated.warnings.map((w) => `warning [${w.id}] ${w.message}${w.source ? `\n    at: ${w.source}` : ''}\n`);
    io.stderr.write(`${warnings.join('')}${written.map((line) => `${line}\n`).join('')}`);
    return 0;
  } catch (error) {
    return reportFailure(io, error);
  }
}
