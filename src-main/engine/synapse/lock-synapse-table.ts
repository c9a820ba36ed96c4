import type pg from 'pg';
import { AppError } from '../../../src-shared/errors';
import type { DatabaseConnector } from '../../connect/postgres/pg-helpers';
import { pgCode, quoteIdent, withConnection } from '../../connect/postgres/pg-helpers';
import type { OptionalSynapseTable } from './synapse-optional-tables';
import { describeSession, sessionColumns, type SynapseSession } from './synapse-sessions';
import type { SynapseTable } from './synapse-tables';

export type SynapseLockMode = 'EXCLUSIVE' | 'ACCESS SHARE';

/** pg_locks' names of the modes each of ours conflicts with (PostgreSQL's table-level lock conflict table). */
const conflicting: Record<SynapseLockMode, string[]> = {
  'ACCESS SHARE': ['AccessExclusiveLock'],
  EXCLUSIVE: [
    'RowShareLock',
    'RowExclusiveLock',
    'ShareUpdateExclusiveLock',
    'ShareLock',
    'ShareRowExclusiveLock',
    'ExclusiveLock',
    'AccessExclusiveLock',
  ],
};

/**
 * How long to wait, beyond deadlock_timeout, when only PostgreSQL's autovacuum holds the table. PostgreSQL
 * documents that a lock request conflicting with an autovacuum interrupts it once the request has waited
 * deadlock_timeout (1 s by default), unless that autovacuum runs to prevent transaction ID wraparound
 * (its query in pg_stat_activity then ends with "(to prevent wraparound)").
 */
const autovacuumGraceMs = 10_000;

interface Holder extends SynapseSession {
  backendType: string;
  /** Visible to superusers and pg_read_all_stats only (else null). */
  query: string | null;
}

const isAutovacuum = (h: Holder) => h.backendType === 'autovacuum worker';
const preventsWraparound = (h: Holder) => isAutovacuum(h) && (h.query ?? '').trimEnd().endsWith('(to prevent wraparound)');

/**
 * Locks one Synapse table in the run's snapshot transaction (SPEC §4.1). Another session holding it means
 * Synapse is running: refused at once, naming the sessions. Only an autovacuum holding it (PostgreSQL's own
 * maintenance, common right after Synapse wrote much) is waited for, as PostgreSQL makes it give way.
 * The holders are looked up on a second connection: any query in the snapshot transaction would fix its
 * snapshot before the remaining tables are locked.
 */
export async function lockSynapseTable(
  client: pg.Client,
  database: DatabaseConnector,
  table: SynapseTable | OptionalSynapseTable,
  mode: SynapseLockMode,
): Promise<void> {
  if (await tryLock(client, table, mode, 'NOWAIT')) return;
  const first = await lockHolders(database, table, mode);
  let { holders } = first;
  if (holders.every(isAutovacuum) && !holders.some(preventsWraparound)) {
    await client.query(`SET LOCAL lock_timeout = '${first.deadlockTimeoutMs + autovacuumGraceMs}ms'`);
    const locked = await tryLock(client, table, mode, '');
    await client.query('SET LOCAL lock_timeout = DEFAULT');
    if (locked) return;
    ({ holders } = await lockHolders(database, table, mode));
  }
  const sessions = holders.filter((h) => !isAutovacuum(h));
  if (sessions.length === 0 && holders.length > 0)
    throw new AppError(
      'synapse-table-busy',
      `Could not lock the Synapse table ${table} (${mode} mode): PostgreSQL's autovacuum holds it and does not give way, as when it runs to prevent transaction ID wraparound.`,
      'Let it finish (the view pg_stat_progress_vacuum shows how far it has got), then run again.',
    );
  const named = sessions.length ? `: held by ${sessions.map(describeSession).join('; ')}` : '';
  throw new AppError(
    'synapse-running',
    `Could not lock the Synapse table ${table} (${mode} mode): another session is using it, so Synapse is probably still running${named}.`,
    'Stop Synapse and all its workers before a real migration, then run it again. (A dry run can run while Synapse is up.)',
  );
}

/** The lock, in a savepoint so that a refusal leaves the transaction usable; false when the table is held. */
async function tryLock(client: pg.Client, table: string, mode: SynapseLockMode, wait: 'NOWAIT' | ''): Promise<boolean> {
  await client.query('SAVEPOINT synapse_lock');
  try {
    await client.query(`LOCK TABLE ${quoteIdent(table)} IN ${mode} MODE ${wait}`);
    await client.query('RELEASE SAVEPOINT synapse_lock');
    return true;
  } catch (error) {
    // 55P03 lock_not_available: NOWAIT refused, or lock_timeout ran out.
    if (pgCode(error) !== '55P03') throw error;
    // Back out of the subtransaction entirely: pg_export_snapshot refuses to run inside one.
    await client.query('ROLLBACK TO SAVEPOINT synapse_lock; RELEASE SAVEPOINT synapse_lock');
    return false;
  }
}

/** The sessions and PostgreSQL processes holding a lock on the table that conflicts with `mode` (the run's own holds none: its attempt was rolled back). */
async function lockHolders(
  database: DatabaseConnector,
  table: string,
  mode: SynapseLockMode,
): Promise<{ holders: Holder[]; deadlockTimeoutMs: number }> {
  return withConnection('Synapse', database, async (c) => {
    const { rows } = await c.query<Holder>(
      `SELECT DISTINCT ${sessionColumns('a.')}, a.backend_type AS "backendType", a.query
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'relation' AND l.granted AND l.relation = to_regclass($1)
          AND l.mode = ANY($2::text[])
        ORDER BY a.pid`,
      [quoteIdent(table), conflicting[mode]],
    );
    // The server's setting (pg_settings gives it in ms), read here: a query in the snapshot transaction would fix its snapshot.
    const setting = await c.query<{ ms: number }>("SELECT setting::int AS ms FROM pg_settings WHERE name = 'deadlock_timeout'");
    return { holders: rows, deadlockTimeoutMs: setting.rows[0]?.ms ?? 1000 };
  });
}
