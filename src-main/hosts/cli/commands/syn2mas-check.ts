import { checkExitCode } from '../../../../src-shared/domain/finding';
import { usingSource } from '../../../app/sources/migration-source';
import { checkSource } from '../../../app/check-source';
import { helpOption, parseOrHelp } from '../args';
import { directoryOptions, directoryUsage, openCliSource, sourceOptions, sourceUsage } from '../cli-source';
import { type CliIO, reportFailure } from '../cli-io';
import { formatFindingsHuman, formatFindingsJson } from '../findings-output';

export const syn2masCheckUsage = `Usage: mas-migrator syn2mas check --config MAS.yaml --synapse-config homeserver.yaml [options]

Checks that Synapse's accounts can be migrated into MAS (read-only: Synapse may be running).

${sourceUsage}
${directoryUsage}
  --json                           print the findings as JSON for scripts
  --help                           print this help

Exit codes: 0 no problems, 10 errors found (a database that cannot be reached is one), 11 only warnings,
2 bad input (usage or config files), 1 unexpected failure.
`;

const options = {
  ...helpOption,
  ...sourceOptions,
  ...directoryOptions,
  json: { type: 'boolean', default: false },
} as const;

/** `syn2mas check`: the check use case on the files or profile given, its findings printed. */
export async function runSyn2masCheck(args: string[], io: CliIO): Promise<number> {
  try {
    const values = parseOrHelp('syn2mas check', args, options, syn2masCheckUsage, io.stdout);
    if (!values) return 0;
    const { findings } = await usingSource(() => openCliSource('syn2mas check', values, io.env), checkSource);
    io.stdout.write(values.json ? formatFindingsJson(findings) : formatFindingsHuman(findings));
    return checkExitCode(findings);
  } catch (error) {
    return reportFailure(io, error);
  }
}
