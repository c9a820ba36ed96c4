import type pg from 'pg';
import type { Finding } from '../../../src-shared/domain/finding';
import { AppError } from '../../../src-shared/errors';

/** Session advisory lock key a run holds on the MAS database for its whole length: "syn2mas" in ASCII. */
export const advisoryLockKey = '32503136521118067';

export interface RunningMigration {
  pid: number;
  /** When the session holding the lock connected (ISO, UTC). */
  since: string;
  clientAddress: string | null;
}

/**
 * The run holding the advisory lock on this MAS database, if one does
 * (another session than this one). Reads pg_locks, so probing never takes
 * the lock (a bigint key is split into classid, the high half, and objid).
 */
export async function runningMigration(client: pg.Client): Promise<RunningMigration | undefined> {
  const { rows } = await client.query<RunningMigration>(
    `SELECT l.pid, to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS since, host(a.client_addr) AS "clientAddress"
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.pid <> pg_backend_pid()
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND (l.classid::bigint << 32 | l.objid::bigint) = $1::bigint
      LIMIT 1`,
    [advisoryLockKey],
  );
  return rows[0];
}

/** "A migration into this MAS database is running now", as distinct from one that was interrupted (SPEC §4.6). */
export function migrationRunningFinding(running: RunningMigration, where: string): Finding {
  return {
    id: 'migration-running',
    severity: 'error',
    area: 'mas-database',
    message: `A migration into the MAS ${where} is running now (since ${running.since}, session ${running.pid}${running.clientAddress ? ` from ${running.clientAddress}` : ''}).`,
    fix: 'Wait for it to finish (or stop it: it leaves MAS resumable), then check again.',
    source: 'pg_locks',
  };
}

/** Takes the run's lock on the MAS database for the session's length, or says which run holds it. */
export async function takeAdvisoryLock(control: pg.Client): Promise<void> {
  const { rows } = await control.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${advisoryLockKey}) AS ok`);
  if (!rows[0]!.ok) {
    const running = await runningMigration(control);
    throw new AppError(
      'migration-running',
      `Another migration into this MAS database is running${running ? ` (since ${running.since}, session ${running.pid})` : ''}: its advisory lock is held.`,
      'Wait for it to finish, or stop it (it leaves MAS resumable); then run again.',
    );
  }
}

/** Releases it once the run has committed (closing the session would too): nothing may fail the run from there. */
export async function releaseAdvisoryLock(control: pg.Client): Promise<void> {
  await control.query(`SELECT pg_advisory_unlock(${advisoryLockKey})`).catch(() => {});
}
