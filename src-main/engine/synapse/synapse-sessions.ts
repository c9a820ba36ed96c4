import type pg from 'pg';
import type { Finding } from '../../../src-shared/domain/finding';
import { plural } from '../../../src-shared/text';

/** A client session on the Synapse database that is not this run's own. */
export interface SynapseSession {
  pid: number;
  user: string | null;
  clientAddress: string | null;
  applicationName: string | null;
  state: string | null;
  since: string | null;
}

/** pg_stat_activity's columns of a SynapseSession; `a`: the view's alias in the query with its dot ('' for none). */
export function sessionColumns(a: string): string {
  return `${a}pid, ${a}usename AS "user", host(${a}client_addr) AS "clientAddress", nullif(${a}application_name, '') AS "applicationName",
          ${a}state, to_char(coalesce(${a}state_change, ${a}backend_start) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS since`;
}

/**
 * The other client sessions connected to the Synapse database (SPEC §2
 * synapse-connections): not this run's connections (`ownPids`), not
 * PostgreSQL's background processes. An idle worker pool holds no lock, so
 * the lock test alone cannot see that Synapse is still running.
 */
export async function otherSynapseSessions(client: pg.Client, ownPids: readonly number[]): Promise<SynapseSession[]> {
  const { rows } = await client.query<SynapseSession>(
    `SELECT ${sessionColumns('')}
       FROM pg_stat_activity
      WHERE datname = current_database() AND backend_type = 'client backend'
        AND pid <> pg_backend_pid() AND NOT (pid = ANY($1::int[]))
      ORDER BY backend_start, pid`,
    [ownPids],
  );
  return rows;
}

/** One line naming a session for messages: who, from where, in what state (never its query). */
export function describeSession(s: SynapseSession): string {
  const who = [s.user ?? 'unknown user', s.clientAddress ? `from ${s.clientAddress}` : 'on the local socket'];
  const what = [s.applicationName ? `"${s.applicationName}"` : undefined, s.state, s.since ? `since ${s.since}` : undefined];
  return `${who.join(' ')} (${what.filter(Boolean).join(', ')})`;
}

export type SessionCheckMode = 'check' | 'dry-run' | 'real';

/**
 * The finding for those sessions: an error that stops a real run unless the
 * admin allowed them (`--allow-synapse-connections`, or the acknowledgement
 * in the app); a warning for `check`, a dry run, or once allowed.
 */
export function synapseConnectionsFinding(
  sessions: readonly SynapseSession[],
  mode: SessionCheckMode,
  allowed: boolean,
): Finding | undefined {
  if (sessions.length === 0) return undefined;
  const blocking = mode === 'real' && !allowed;
  return {
    id: 'synapse-connections',
    severity: blocking ? 'error' : 'warning',
    area: 'synapse-database',
    message: `${plural(sessions.length, 'other session is', 'other sessions are')} connected to the Synapse database: Synapse or one of its workers is probably still running.${allowed && mode === 'real' ? ' Allowed for this run.' : ''}`,
    fix: blocking
      ? 'Stop Synapse and every worker (and anything else using its database), then run again. If these sessions are not Synapse (a monitoring tool, a psql you left open), rerun with --allow-synapse-connections (in the app: acknowledge them on the Migration screen).'
      : 'Stop Synapse and all its workers before the real migration; it refuses to run while these sessions are connected unless you allow them.',
    source: 'pg_stat_activity',
    count: sessions.length,
    examples: sessions.slice(0, 20).map(describeSession),
  };
}
