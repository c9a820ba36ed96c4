import type pg from 'pg';
import type { VerificationResult } from '../../../src-shared/domain/verification';
import { AppError } from '../../../src-shared/errors';
import type { MasTable } from '../mas/mas-tables';
import { quoteIdent } from '../../connect/postgres/pg-helpers';
import type { ProgressTracker } from '../run/progress-tracker';
import type { MigrationSettings } from '../run/migration-settings';
import type { SynapseSnapshot } from '../synapse/synapse-snapshot';
import { compareTables, tuneForWholeTables } from './compare-tables';
import { directoryLinksHook } from './directory-links';
import { MigrationStart } from './migration-start';
import { providerUuids } from './provider-uuids';
import { cannotCompare, verificationOf } from './verification-result';

export interface RunToVerify {
  /** The run's control connection, inside its finishing transaction: the only one that sees a dry run's rows. */
  control: pg.Client;
  /** The run's Synapse snapshot: what it migrated, even if Synapse moved on since (dry run). */
  snapshot: SynapseSnapshot;
  settings: MigrationSettings;
  /** The MAS tables the run writes. */
  tables: readonly MasTable[];
  startMs: number;
  tracker: ProgressTracker;
  signal: AbortSignal;
}

/**
 * `migrate --verify` (SPEC §10): the run proves its own output before it
 * commits (a dry run, before its tables are emptied). A savepoint keeps a
 * failing verification from undoing the migration: it is reported as
 * "cannot compare" instead, unless the run was cancelled.
 */
export async function verifyInRun(run: RunToVerify): Promise<VerificationResult> {
  const started = new Date();
  run.tracker.add({ id: 'verify', kind: 'finish', label: 'Verifying MAS against Synapse' });
  run.tracker.start('verify');
  const synapse = await run.snapshot.openReader();
  let clean = false;
  await run.control.query('SAVEPOINT syn2mas_verify');
  try {
    await tuneForWholeTables(run.control);
    // The tables were analyzed empty: without fresh statistics the planner builds its hashes on the wrong side.
    await run.control.query(`ANALYZE ${run.tables.map(quoteIdent).join(', ')}`);
    await tuneForWholeTables(synapse);
    const start = new MigrationStart('run', run.startMs);
    const directory = await directoryLinksHook(synapse, run.settings);
    const tables = await compareTables([{ synapse, mas: run.control }], {
      serverName: run.settings.serverName,
      providers: providerUuids(run.settings.masProviders),
      start,
      signal: run.signal,
      ...directory,
    });
    await run.control.query('RELEASE SAVEPOINT syn2mas_verify');
    clean = true;
    return verificationOf(run.settings.serverName, started, tables, start);
  } catch (error) {
    if (run.signal.aborted) throw error;
    await run.control.query('ROLLBACK TO SAVEPOINT syn2mas_verify');
    const problem =
      error instanceof AppError
        ? error.toReply()
        : { code: 'verify-failed', message: `The verification stopped: ${(error as Error).message}.` };
    return cannotCompare(run.settings.serverName, started, problem);
  } finally {
    await run.snapshot.closeReader(synapse, clean);
    run.tracker.done('verify');
  }
}
