import { checkExitCode, type Finding } from '../../../../src-shared/domain/finding';
import { parseCommandArgs } from '../args';
import { type CheckSource, checkSources, collectFindings } from '../check-sources';
import { type CliIO, reportFailure } from '../cli-io';
import { formatFindingsHuman, formatFindingsJson } from '../findings-output';
import { openCliSource, sourceOptions, sourceUsage } from '../migration-source';

export const syn2masCheckUsage = `Usage: mas-migrator syn2mas check --config MAS.yaml --synapse-config homeserver.yaml [options]

Checks that Synapse's accounts can be migrated into MAS.

${sourceUsage}
  --json                           print the findings as JSON for scripts
  --help                           print this help

Exit codes: 0 no problems, 10 errors found, 11 only warnings, 2 bad input (usage or config files), 1 unexpected failure.
`;

const options = {
  ...sourceOptions,
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
    const source = await openCliSource('syn2mas check', values);
    let findings: Finding[];
    try {
      findings = await collectFindings(sources, { ...source, settings: () => source.settings({ dryRun: true }) });
    } finally {
      await source.close();
    }
    io.stdout.write(values.json ? formatFindingsJson(findings) : formatFindingsHuman(findings));
    return checkExitCode(findings);
  } catch (error) {
    return reportFailure(io, error);
  }
}
