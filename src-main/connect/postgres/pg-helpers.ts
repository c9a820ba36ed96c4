import type pg from 'pg';

/**
 * Opens connections to one database: a connect-layer route (libpq's rules,
 * TLS, SSH tunnel). The engine never interprets connection settings itself.
 */
export interface DatabaseConnector {
  /** `user@host:port/db` (and the SSH route), without secrets, for messages. */
  readonly description: string;
  connect(applicationName: string): Promise<pg.Client>;
}

/** Which side a connection belongs to, for messages. */
export type DatabaseSide = 'Synapse' | 'MAS';

/** "database mas@db.example.org:5432/mas", for messages (never the password). */
export function databaseLabel(db: DatabaseConnector): string {
  return `database ${db.description}`;
}

/** Which database an error came from: every query of a run's connections is tagged, so a failure can be named. */
export interface ErrorOrigin {
  side: DatabaseSide;
  description: string;
}
const origins = new WeakMap<object, ErrorOrigin>();

export function originOf(error: unknown): ErrorOrigin | undefined {
  return typeof error === 'object' && error !== null ? origins.get(error) : undefined;
}

/** Tags the errors of every query (promises and COPY streams alike) with the database they came from. */
function tagQueryErrors(client: pg.Client, origin: ErrorOrigin): void {
  const tag = (error: unknown) => {
    if (typeof error === 'object' && error !== null && !origins.has(error)) origins.set(error, origin);
  };
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const result = query(...args) as {
      then?: unknown;
      catch?: (f: (e: unknown) => never) => unknown;
      on?: (e: string, f: (e: unknown) => void) => void;
    };
    if (typeof result?.then === 'function')
      return result.catch!((error) => {
        tag(error);
        throw error;
      });
    result?.on?.('error', tag);
    return result;
  }) as typeof client.query;
}

/** PostgreSQL or the socket says the connection itself ended (not that a statement failed). */
export function isConnectionLoss(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  if (/^(57P0[123]|08\w{3})$/.test(code) || ['EPIPE', 'ECONNRESET', 'ETIMEDOUT'].includes(code)) return true;
  return /Connection terminated unexpectedly|server closed the connection|connection error and is not queryable|write EPIPE|read ECONNRESET/i.test(
    typeof e?.message === 'string' ? e.message : '',
  );
}

/**
 * Connects for one role of a run (named `syn2mas-<role>` in pg_stat_activity).
 * A refused or failed connection is the connect layer's error, the same in
 * every host; the errors of its queries say which database they came from.
 */
export async function connect(side: DatabaseSide, db: DatabaseConnector, role: string): Promise<pg.Client> {
  const client = await db.connect(`syn2mas-${role}`);
  tagQueryErrors(client, { side, description: db.description });
  try {
    // A run holds transactions open for its whole length and rebuilds big indexes: server-wide timeouts must not cut it.
    await client.query('SET statement_timeout = 0; SET idle_in_transaction_session_timeout = 0');
  } catch (error) {
    await closeQuietly(client);
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
