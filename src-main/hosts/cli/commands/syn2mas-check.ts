import { checkExitCode } from '../../../../src-shared/domain/finding';
import { loadMasConfig } from '../../../engine/config/mas-config';
import { loadSynapseConfig } from '../../../engine/config/synapse-config';
import { parseCommandArgs, requireFiles } from '../args';
import { type CheckSource, checkSources, collectFindings } from '../check-sources';
import { type CliIO, reportFailure } from '../cli-io';
import { formatFindingsHuman, formatFindingsJson } from '../findings-output';

export const syn2masCheckUsage = `Usage: mas-migrator syn2mas check --config MAS.yaml --synapse-config homeserver.yaml [options]

Checks that Synapse's accounts can be migrated into MAS.

  --config FILE                    MAS config (repeat to merge several files, in order)
  --synapse-config FILE            Synapse config (repeatable, merged in order)
  --synapse-database-uri URI       Synapse database (libpq URI; PG* variables fill the gaps)
  --ignore-missing-auth-providers  unknown providers in Synapse's database are warnings, not errors
  --json                           print the findings as JSON for scripts
  --help                           print this help

Exit codes: 0 no problems, 10 errors found, 11 only warnings, 2 bad input (usage or config files), 1 unexpected failure.
`;

const options = {
  config: { type: 'string', multiple: true },
  'synapse-config': { type: 'string', multiple: true },
  'synapse-database-uri': { type: 'string' },
  'ignore-missing-auth-providers': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

/** `syn2mas check`: loads both configs, runs every check source and prints the findings. */
export async function runSyn2masCheck(args: string[], io: CliIO, sources: readonly CheckSource[] = checkSources): Promise<number> {
  try {
    const values = parseCommandArgs('syn2mas check', args, options);
    if (values.help) {
      io.stdout.write(syn2masCheckUsage);
      return 0;
    }
    const masFiles = requireFiles('syn2mas check', 'config', values.config);
    const synapseFiles = requireFiles('syn2mas check', 'synapse-config', values['synapse-config']);
    const [synapse, mas] = await Promise.all([loadSynapseConfig(synapseFiles), loadMasConfig(masFiles)]);
    const findings = await collectFindings(sources, {
      synapse,
      mas,
      ignoreMissingAuthProviders: values['ignore-missing-auth-providers'],
      ...(values['synapse-database-uri'] ? { synapseDatabaseUri: values['synapse-database-uri'] } : {}),
    });
    io.stdout.write(values.json ? formatFindingsJson(findings) : formatFindingsHuman(findings));
    return checkExitCode(findings);
  } catch (error) {
    return reportFailure(io, error);
  }
}
