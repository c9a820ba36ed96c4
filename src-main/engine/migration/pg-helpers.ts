import type pg from 'pg';
import type { DatabaseConnector } from './settings';

/** Which side a connection belongs to, for messages. */
export type DatabaseSide = 'Synapse' | 'MAS';

/** "database mas@db.example.org:5432/mas", for messages (never the password). */
export function describeDatabase(db: DatabaseConnector): string {
  return `database ${db.description}`;
}

/**
 * Connects for one role of a run (named `syn2mas-<role>` in pg_stat_activity).
 * A refused or failed connection is the connect layer's error, the same in every host.
 */
export async function connect(_side: DatabaseSide, db: DatabaseConnector, role: string): Promise<pg.Client> {
  const client = await db.connect(`syn2mas-${role}`);
  try {
    // A run holds transactions open for its whole length and rebuilds big indexes: server-wide timeouts must not cut it.
    await client.query('SET statement_timeout = 0; SET idle_in_transaction_session_timeout = 0');
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
  return client;
}

export async function backendPid(client: pg.Client): Promise<number> {
  const result = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return result.rows[0]!.pid;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Closes a client whatever state it is in. */
export async function closeQuietly(client: pg.Client | undefined): Promise<void> {
  await client?.end().catch(() => {});
}

/** PostgreSQL error code, if the error came from the server. */
export function pgCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** A short-lived connection for one job. */
export async function withConnection<T>(side: DatabaseSide, db: DatabaseConnector, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connect(side, db, 'check');
  try {
    return await fn(client);
  } finally {
    await closeQuietly(client);
  }
}
