import type pg from 'pg';
import type { VerificationResult } from '../../../src-shared/domain/verification';
import { AppError, databaseOpenFailures, directoryReadFailures, type ErrorCode } from '../../../src-shared/errors';
import { inspectMasDatabase } from '../mas/mas-inspection';
import { closeQuietly, connect, databaseLabel } from '../../connect/postgres/pg-helpers';
import { advisoryLockKey } from '../run/advisory-lock';
import type { MigrationSettings } from '../run/migration-settings';
import { inspectSynapseDatabase } from '../synapse/synapse-inspection';
import { compareTables, type VerifySides } from './compare-tables';
import { directoryLinksHook } from './directory-links';
import { MigrationStart } from './migration-start';
import { providerUuids } from './provider-uuids';
import { beginWholeTableRead, openSnapshotLane } from './snapshot-lane';
import { cannotCompare, verificationOf } from './verification-result';

export type VerifySettings = Pick<
  MigrationSettings,
  'serverName' | 'synapseDatabase' | 'masDatabase' | 'masProviders' | 'directory' | 'ldapIdAttribute'
>;

export interface VerifyOptions {
  signal?: AbortSignal;
  onTable?: (table: string) => void;
}

/** Failures that mean "cannot compare" (exit 10), not bad input or a bug: a directory that cannot be read among them. */
const cannotCompareCodes = new Set<ErrorCode>([...databaseOpenFailures, 'db-connection-lost', 'verify-order', ...directoryReadFailures]);

/**
 * `syn2mas verify` (SPEC §10): after a migration, and before Synapse and MAS
 * start changing the data, each side read in one read-only transaction and
 * compared table by table (two at a time when a second pair of connections
 * can share those transactions' snapshots). Holds the migration's advisory
 * lock meanwhile, so no run can start half-way through.
 */
export async function verifyMigration(settings: VerifySettings, options: VerifyOptions = {}): Promise<VerificationResult> {
  const started = new Date();
  const providers = providerUuids(settings.masProviders);
  let mas: pg.Client | undefined;
  let synapse: pg.Client | undefined;
  let lane: VerifySides | undefined;
  const closeAll = () => Promise.all([synapse, mas, lane?.synapse, lane?.mas].map(closeQuietly));
  // Closing the connections is what stops PostgreSQL mid-query on a cancel.
  const onAbort = () => void closeAll();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    mas = await connect('MAS', settings.masDatabase, 'verify');
    synapse = await connect('Synapse', settings.synapseDatabase, 'verify');
    options.signal?.throwIfAborted();
    const problem = await precondition(synapse, mas, settings);
    if (problem) return cannotCompare(settings.serverName, started, problem);
    for (const client of [synapse, mas]) await beginWholeTableRead(client);
    lane = await openSnapshotLane({ synapse, mas }, { synapse: settings.synapseDatabase, mas: settings.masDatabase });
    const start = new MigrationStart('inferred');
    const directory = await directoryLinksHook(synapse, settings);
    const lanes = [{ synapse, mas }, ...(lane ? [lane] : [])];
    const tables = await compareTables(lanes, { serverName: settings.serverName, providers, start, ...directory, ...options });
    return verificationOf(settings.serverName, started, tables, start);
  } catch (error) {
    options.signal?.throwIfAborted();
    if (error instanceof AppError && cannotCompareCodes.has(error.code))
      return cannotCompare(settings.serverName, started, error.toReply());
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    // Closing the MAS session releases the advisory lock.
    await closeAll();
  }
}

/** Why the two databases cannot be compared now, if they cannot. */
async function precondition(synapse: pg.Client, mas: pg.Client, settings: VerifySettings): Promise<VerificationResult['problem']> {
  const { rows } = await mas.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${advisoryLockKey}) AS ok`);
  if (!rows[0]!.ok) {
    return {
      code: 'migration-running',
      message: 'A migration into this MAS database is running (its advisory lock is held).',
      hint: 'Let it finish, then verify.',
    };
  }
  const inspection = await inspectMasDatabase(mas, databaseLabel(settings.masDatabase));
  if (inspection.state === 'resumable') {
    return {
      code: 'mas-paused',
      message: `The MAS ${databaseLabel(settings.masDatabase)} still holds an interrupted migration (tables renamed to syn2mas__*).`,
      hint: 'Run the migration again to complete it (do not start MAS), then verify.',
    };
  }
  const blocking = [...inspection.findings, ...(await inspectSynapseDatabase(synapse, databaseLabel(settings.synapseDatabase)))].find(
    (f) => f.severity === 'error' && f.id !== 'mas-not-empty',
  );
  return blocking && { code: blocking.id, message: blocking.message, hint: blocking.fix };
}
