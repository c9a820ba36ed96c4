import type { Finding } from '../../../src-shared/domain/finding';
import type { MigrationProgress } from '../../../src-shared/domain/progress';
import type { MigrationReport } from '../../../src-shared/domain/report';
import { AppError } from '../../../src-shared/errors';
import { ChecksFailedError } from '../../../src-shared/domain/checks-failed';
import { runMigration } from '../../engine/migration/run-migration';
import type { MigrationSource } from '../sources/migration-source';
import { sourceConfigFindings, unreachableFinding } from './check-source';

export interface MigrateOptions {
  dryRun: boolean;
  /** Writer connections; the source's own choice (a profile's) or the engine's default when absent. */
  writers?: number;
  /** The admin knows other sessions are connected to Synapse's database and lets a real run go ahead (SPEC §2). */
  allowSynapseConnections?: boolean;
  /** Compare MAS with Synapse before committing (SPEC §10 `migrate --verify`); the result goes into the report. */
  verify?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: MigrationProgress) => void;
  /** Called once the checks let the run go ahead, with their warnings and notices. */
  onFindings?: (findings: Finding[]) => void;
}

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
    settings = await source.migrationSettings({ dryRun: options.dryRun, ...(options.writers ? { writers: options.writers } : {}) });
  } catch (error) {
    // Databases that cannot be named or reached: the checks cannot run, so nothing is written (SPEC §2).
    if (!(error instanceof AppError) || !source.mas) throw error;
    const reported = configFindings.some((f) => f.id === error.code);
    throw new ChecksFailedError(reported ? configFindings : [...configFindings, unreachableFinding(error)]);
  }
  return runMigration(
    { ...settings, allowSynapseConnections: options.allowSynapseConnections === true },
    {
      configFindings,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.onFindings ? { onFindings: options.onFindings } : {}),
      ...(options.verify ? { verify: true } : {}),
    },
  );
}
