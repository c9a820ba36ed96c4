import { verificationExitCode } from '../../../../src-shared/domain/verification';
import { usingSource } from '../../../app/sources/migration-source';
import { verifySource } from '../../../app/prove-migration';
import { helpOption, parseOrHelp } from '../args';
import { directoryOptions, directoryUsage, openCliSource, sourceOptions, sourceUsage } from '../cli-source';
import { type CliIO, reportFailure } from '../cli-io';
import { formatVerificationHuman, formatVerificationJson } from '../verification-output';
import { exitCancelled } from './syn2mas-migrate';

export const syn2masVerifyUsage = `Usage: mas-migrator syn2mas verify --config MAS.yaml --synapse-config homeserver.yaml [options]

Proves a migration: recomputes from Synapse what MAS must hold, reads MAS, and compares the tables
it writes row by row (by username, device, token, provider and subject, address; never by id).
Differences are counted per table and kind, with up to 20 examples named by user and device.
Run it right after the migration, before Synapse and MAS start: their activity changes the data.
Nothing is written; no token, hash or secret is printed.

${sourceUsage}
${directoryUsage}
  --json                           print the result as JSON for scripts
  --help                           print this help

Exit codes: 0 everything matches, 12 something differs, 10 it cannot compare (a database cannot be
reached, MAS still holds an interrupted run, a migration is running), 2 bad input, 130 cancelled,
1 unexpected failure.
`;

const options = {
  ...helpOption,
  ...sourceOptions,
  ...directoryOptions,
  json: { type: 'boolean', default: false },
} as const;

/** `syn2mas verify` (SPEC §10). */
export async function runSyn2masVerify(args: string[], io: CliIO): Promise<number> {
  try {
    const values = parseOrHelp('syn2mas verify', args, options, syn2masVerifyUsage, io.stdout);
    if (!values) return 0;
    const result = await usingSource(
      () => openCliSource('syn2mas verify', values, io.env),
      (source) => {
        const signal = io.interrupts?.();
        if (values.json === false) io.stderr.write(`Comparing MAS with Synapse for ${source.synapse.model.server_name}…\n`);
        return verifySource(source, signal ? { signal } : {});
      },
    );
    io.stdout.write(values.json ? formatVerificationJson(result) : formatVerificationHuman(result));
    return verificationExitCode(result);
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') {
      io.stderr.write('mas-migrator: verification cancelled.\n');
      return exitCancelled;
    }
    return reportFailure(io, error);
  }
}
