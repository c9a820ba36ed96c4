import { openFileSource } from '../../../app/sources/file-source';
import { usingSource } from '../../../app/sources/migration-source';
import { generateConfig, saveConfigs } from '../../../app/config-drafts';
import { helpOption, parseOrHelp, requireFiles } from '../args';
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
  ...helpOption,
  'synapse-config': { type: 'string', multiple: true },
  output: { type: 'string' },
  'synapse-section': { type: 'string' },
  force: { type: 'boolean', default: false },
} as const;

/** `config generate` (SPEC §7/§8). Never overwrites a file without --force. */
export async function runConfigGenerate(args: string[], io: CliIO): Promise<number> {
  try {
    const values = parseOrHelp('config generate', args, options, configGenerateUsage, io.stdout);
    if (!values) return 0;
    const synapseConfig = requireFiles('config generate', 'synapse-config', values['synapse-config']);
    const section = values['synapse-section'];
    const { generated, saved } = await usingSource(
      () => openFileSource({ synapseConfig, masConfig: [], cwd: process.cwd(), ignoreMissingAuthProviders: false, env: io.env }),
      async (source) => {
        const generated = await generateConfig(source);
        const targets = { ...(values.output ? { mas: values.output } : {}), ...(section ? { synapseSection: { path: section } } : {}) };
        return { generated, saved: await saveConfigs(source, generated.document, generated.yaml, { ...targets, overwrite: values.force }) };
      },
    );
    if (!values.output) io.stdout.write(generated.yaml);
    const what = (path: string) => (path === values.output ? 'the MAS config' : 'the homeserver.yaml section');
    const written = saved.map((s) => `Wrote ${what(s.path)} to ${s.path}${s.backup ? ` (previous file kept as ${s.backup})` : ''}.`);
    const warnings = generated.warnings.map((w) => `warning [${w.id}] ${w.message}${w.source ? `\n    at: ${w.source}` : ''}\n`);
    io.stderr.write(`${warnings.join('')}${written.map((line) => `${line}\n`).join('')}`);
    return 0;
  } catch (error) {
    return reportFailure(io, error);
  }
}
