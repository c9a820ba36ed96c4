import { AppError, databaseOpenFailures, type ErrorCode } from '../../../../src-shared/errors';
import { redactSecrets } from '../../../../src-shared/redact';
import { ChecksFailedError } from '../../../../src-shared/domain/checks-failed';
import { usingSource } from '../../../app/sources/migration-source';
import { migrateSource } from '../../../app/migrate-source';
import { verificationExitCode } from '../../../../src-shared/domain/verification';
import { isCommitted } from '../../../../src-shared/domain/progress';
import { helpOption, parseOrHelp } from '../args';
import { directoryOptions, directoryUsage, openCliSource, sourceOptions, sourceUsage } from '../cli-source';
import { type CliIO, exitInternal, reportFailure } from '../cli-io';
import { formatFindingsHuman, formatFindingsJson } from '../findings-output';
import { createProgressDisplay } from '../progress-display';
import { formatReportHuman, formatReportJson } from '../report-output';
import { formatVerificationHuman } from '../verification-output';

export const syn2masMigrateUsage = `Usage: mas-migrator syn2mas migrate --config MAS.yaml --synapse-config homeserver.yaml [--dry-run] [options]

Migrates Synapse's users, passwords, e-mails, upstream links, devices and tokens into MAS.
Synapse must be stopped for a real run; a dry run may run while it is up and keeps nothing.

${sourceUsage}
${directoryUsage}
  --dry-run                        write everything, then empty the MAS tables again
  --writers N                      parallel writer connections to MAS (default 8)
  --allow-synapse-connections      go ahead although other sessions are connected to Synapse's database
                                   (they are listed; stop Synapse and its workers unless they are not Synapse)
  --verify                         right after the commit, compare MAS with Synapse as "syn2mas verify" does
                                   (a dry run proves its own rows before emptying the tables)
  --json                           print the final report (or the findings) as JSON
  --help                           print this help

Ctrl-C stops the run and leaves the MAS database resumable: run the command again to continue.
Exit codes: 0 done, 10 the checks found errors (nothing written; a dry run rehearses past them, then exits 10),
130 cancelled, 2 bad input, 1 the run failed; with --verify, once the run is done: 12 MAS differs from what
Synapse says it must hold, 10 the verification could not compare (the report says why).
`;

const options = {
  ...helpOption,
  ...sourceOptions,
  ...directoryOptions,
  'dry-run': { type: 'boolean', default: false },
  writers: { type: 'string' },
  'allow-synapse-connections': { type: 'boolean', default: false },
  verify: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const;

export const exitChecksFailed = 10;
export const exitCancelled = 130;

function writers(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 2 || n > 32)
    throw new AppError(
      'usage',
      `syn2mas migrate: --writers must be a whole number from 2 to 32 (got "${value}").`,
      'The reference tool uses 8.',
    );
  return n;
}

/** Failures that stop the run before anything is written, as the checks' errors do (SPEC §2). */
const checksCouldNotRun = new Set<ErrorCode>(['synapse-running', 'synapse-table-busy', ...databaseOpenFailures]);
/** Failures of the run itself (not of the admin's input): said in full, with what state MAS is in. */
const runFailures = new Set<ErrorCode>([
  ...checksCouldNotRun,
  'migration-running',
  'migration-interrupted',
  'db-connection-lost',
  'ssh-tunnel-dropped',
  'rebuild-failed',
  'cancelled',
]);

/** `syn2mas migrate [--dry-run]` (SPEC §4, §8): the migrate use case; progress on stderr, the report on stdout. */
export async function runSyn2masMigrate(args: string[], io: CliIO): Promise<number> {
  let json = false;
  try {
    const values = parseOrHelp('syn2mas migrate', args, options, syn2masMigrateUsage, io.stdout);
    if (!values) return 0;
    json = values.json;
    const dryRun = values['dry-run'];
    const writerCount = writers(values.writers);
    const display = createProgressDisplay(io.stderr);
    const signal = io.interrupts?.();
    let committed = false;
    signal?.addEventListener(
      'abort',
      () =>
        io.stderr.write(
          committed
            ? '\nCancelling the verification: the migration itself is committed.\n'
            : '\nCancelling: the MAS database will be left resumable…\n',
        ),
      { once: true },
    );
    try {
      const report = await usingSource(
        () => openCliSource('syn2mas migrate', values, io.env),
        (source) =>
          migrateSource(source, {
            dryRun,
            allowSynapseConnections: values['allow-synapse-connections'],
            verify: values.verify,
            ...(writerCount ? { writers: writerCount } : {}),
            onProgress: (p) => {
              committed = isCommitted(p);
              display.update(p);
            },
            // Warnings do not stop the command line (SPEC §2), but the admin sees them before the data moves.
            onFindings: (findings) => {
              display.finish(); // the next redraw starts below these lines instead of over them
              for (const f of findings.filter((x) => x.severity !== 'info'))
                io.stderr.write(`${f.severity.toUpperCase()} [${f.id}] ${f.message}\n`);
            },
            ...(signal ? { signal } : {}),
          }),
      );
      const verification = report.verification;
      io.stdout.write(
        json ? formatReportJson(report) : formatReportHuman(report) + (verification ? `\n${formatVerificationHuman(verification)}` : ''),
      );
      // A dry run rehearses past the errors that would stop a real run, then says so (SPEC §2).
      if (report.findings.some((f) => f.severity === 'error')) return exitChecksFailed;
      return verification ? verificationExitCode(verification) : 0;
    } finally {
      display.finish();
    }
  } catch (error) {
    if (error instanceof ChecksFailedError) {
      io.stdout.write(json ? formatFindingsJson(error.findings) : formatFindingsHuman(error.findings));
      io.stderr.write(`mas-migrator: ${error.message}\n`);
      return exitChecksFailed;
    }
    if (error instanceof AppError && runFailures.has(error.code)) {
      io.stderr.write(`mas-migrator: ${redactSecrets(error.message)}${error.hint ? `\n${redactSecrets(error.hint)}` : ''}\n`);
      return error.code === 'cancelled' ? exitCancelled : checksCouldNotRun.has(error.code) ? exitChecksFailed : exitInternal;
    }
    return reportFailure(io, error);
  }
}
