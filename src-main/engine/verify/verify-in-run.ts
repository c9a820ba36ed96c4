import type pg from 'pg';
import type { VerificationResult } from '../../../src-shared/domain/verification';
import { AppError, type ErrorReply } from '../../../src-shared/errors';
import { closeQuietly } from '../../connect/postgres/pg-helpers';
import type { ProgressTracker } from '../run/progress-tracker';
import type { MigrationSettings } from '../run/migration-settings';
import type { SynapseSnapshot } from '../synapse/synapse-snapshot';
import { compareTables, tuneForWholeTables, type VerifySides } from './compare-tables';
import { directoryLinksHook } from './directory-links';
import { MigrationStart } from './migration-start';
import { providerUuids } from './provider-uuids';
import type { SynapseDigests } from './synapse-digests';
import { beginWholeTableRead, openSnapshotLane } from './snapshot-lane';
import { cannotCompare, verificationOf } from './verification-result';

export interface RunToVerify {
  /**
   * The run's control connection: a dry run's is inside its finishing transaction, the only one that sees its rows;
   * a real run's has committed, and is out of any transaction.
   */
  control: pg.Client;
  committed: boolean;
  /** The run's Synapse snapshot: what it migrated, even if Synapse moved on since (dry run). */
  snapshot: SynapseSnapshot;
  settings: MigrationSettings;
  startMs: number;
  tracker: ProgressTracker;
  signal: AbortSignal;
  /** Synapse's digests, started while the run finished (synapse-digests.ts). */
  synapseDigests?: SynapseDigests;
}

const cancelledAfterCommit: ErrorReply = {
  code: 'cancelled',
  message: 'The verification was cancelled. The migration itself had finished and is committed.',
  hint: 'Run syn2mas verify before starting MAS, to prove what it holds.',
};

/**
 * `migrate --verify` (SPEC §10): the run proves its own output. A dry run
 * does so before its tables are emptied, in one lane, a savepoint keeping a
 * failing verification from undoing the run. A real run does so right after
 * its commit, as `syn2mas verify` does: MAS read in a transaction of its
 * own, and a second pair of connections sharing both snapshots, so two
 * comparisons go at once. A verification that fails is reported as "cannot
 * compare", unless the run was cancelled.
 */
export async function verifyInRun(run: RunToVerify): Promise<VerificationResult> {
  const started = new Date();
  run.tracker.add({ id: 'verify', kind: 'finish', label: 'Verifying MAS against Synapse' });
  run.tracker.start('verify');
  const { control: mas } = run;
  let synapse: pg.Client | undefined;
  let lane: VerifySides | undefined;
  let clean = false;
  try {
    synapse = await run.snapshot.openReader();
    // No ANALYZE: the planner needs the tables' sizes, and building their indexes has just set them (PostgreSQL
    // documents that CREATE INDEX updates pg_class.reltuples and relpages); gathering the rest cost a second at 100 k users.
    if (run.committed) await beginWholeTableRead(mas);
    else {
      await mas.query('SAVEPOINT syn2mas_verify');
      await tuneForWholeTables(mas);
    }
    await tuneForWholeTables(synapse);
    if (run.committed)
      lane = await openSnapshotLane({ synapse, mas }, { synapse: run.settings.synapseDatabase, mas: run.settings.masDatabase });
    const start = new MigrationStart('run', run.startMs);
    const directory = await directoryLinksHook(synapse, run.settings);
    const tables = await compareTables([{ synapse, mas }, ...(lane ? [lane] : [])], {
      serverName: run.settings.serverName,
      providers: providerUuids(run.settings.masProviders),
      start,
      signal: run.signal,
      ...directory,
      ...(run.synapseDigests ? { synapseDigests: run.synapseDigests } : {}),
    });
    await mas.query(run.committed ? 'COMMIT' : 'RELEASE SAVEPOINT syn2mas_verify');
    clean = true;
    return verificationOf(run.settings.serverName, started, tables, start);
  } catch (error) {
    if (run.signal.aborted && !run.committed) throw error;
    // A real run is committed whatever happens here: a cancel stops the verification, not the run.
    if (run.signal.aborted) return cannotCompare(run.settings.serverName, started, cancelledAfterCommit);
    // After the commit a lost connection must not fail the run; before it, it does (the run cannot finish).
    if (run.committed) await mas.query('ROLLBACK').catch(() => {});
    else await mas.query('ROLLBACK TO SAVEPOINT syn2mas_verify');
    const problem =
      error instanceof AppError
        ? error.toReply()
        : { code: 'verify-failed', message: `The verification stopped: ${(error as Error).message}.` };
    return cannotCompare(run.settings.serverName, started, problem);
  } finally {
    await Promise.all([closeQuietly(lane?.synapse), closeQuietly(lane?.mas)]);
    if (synapse) await run.snapshot.closeReader(synapse, clean);
    run.tracker.done('verify');
  }
}
