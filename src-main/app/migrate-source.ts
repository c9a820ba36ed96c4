import type { MigrationReport } from '../../src-shared/domain/report';
import { AppError } from '../../src-shared/errors';
import { ChecksFailedError } from '../../src-shared/domain/checks-failed';
import { runMigration } from '../engine/run/run-migration';
import type { RunOptions } from '../engine/run/run-options';
import type { MigrationSource } from './sources/migration-source';
import { sourceConfigFindings, unreachableFinding } from './check-source';

/** A run as every host asks for it: real or rehearsed, said always; the configuration checks are the use case's. */
export type MigrateOptions = Omit<RunOptions, 'dryRun' | 'configFindings'> & { dryRun: boolean };

/**
 * Migrate a source (SPEC §4): the configuration checks, then the run, which
 * checks both databases again at its own snapshot. Recorded in the source's history.
 */
export async function migrateSource(source: MigrationSource, options: MigrateOptions): Promise<MigrationReport> {
  const kind = options.dryRun ? 'dry-run' : 'migrate';
  try {
    const report = await run(source, options);
    const seconds = Math.round(report.durationMs / 1000);
    const errors = report.findings.filter((f) => f.severity === 'error').length;
    await source.record({
      kind,
      outcome: errors ? 'errors' : 'ok',
      summary: `${options.dryRun ? 'Dry run' : 'Migration'} finished in ${seconds} s${errors ? `; a real run would stop on ${errors} error(s)` : ''}`,
    });
    return report;
  } catch (error) {
    await source.record({ kind, outcome: 'failed', summary: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

async function run(source: MigrationSource, options: MigrateOptions): Promise<MigrationReport> {
  const configFindings = sourceConfigFindings(source);
  let settings: Awaited<ReturnType<MigrationSource['migrationSettings']>>;
  try {
    settings = await source.migrationSettings();
  } catch (error) {
    // Databases that cannot be named or reached: the checks cannot run, so nothing is written (SPEC §2).
    if (!(error instanceof AppError) || !source.mas) throw error;
    const reported = configFindings.some((f) => f.id === error.code);
    throw new ChecksFailedError(reported ? configFindings : [...configFindings, unreachableFinding(error)]);
  }
  return runMigration(settings, { ...options, configFindings });
}
