import pg from 'pg';
import { AppError } from '../../../src-shared/errors';

/** Which side a connection belongs to, for messages and `application_name`. */
export type DatabaseSide = 'Synapse' | 'MAS';

/** "database "synapse" on db.example.org:5432", for messages (never the password). */
export function describeDatabase(config: pg.ClientConfig): string {
  const uri = config.connectionString ? new URL(config.connectionString) : undefined;
  const host = config.host ?? (uri?.hostname || undefined) ?? process.env.PGHOST ?? 'localhost';
  const port = config.port ?? (uri?.port || undefined);
  const database =
    config.database ??
    (decodeURIComponent(uri?.pathname.slice(1) ?? '') || undefined) ??
    process.env.PGDATABASE ??
    config.user ??
    '(default)';
  return `database "${database}" on ${host}${port ? `:${port}` : ''}`;
}

/** Connects, turning a refused or failed connection into an error that names the database. */
export async function connect(side: DatabaseSide, config: pg.ClientConfig, role: string): Promise<pg.Client> {
  const client = new pg.Client({ ...config, application_name: `syn2mas-${role}` });
  client.on('error', () => {}); // a dropped connection surfaces through the query that was running
  try {
    await client.connect();
    // A run holds transactions open for its whole length and rebuilds big indexes: server-wide timeouts must not cut it.
    await client.query('SET statement_timeout = 0; SET idle_in_transaction_session_timeout = 0');
  } catch (error) {
    await client.end().catch(() => {});
    throw new AppError(
      'database-unreachable',
      `Cannot connect to the ${side} ${describeDatabase(config)}: ${(error as Error).message}`,
      `Check the ${side} database host, port, name, user and password.`,
    );
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
export async function withConnection<T>(side: DatabaseSide, config: pg.ClientConfig, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connect(side, config, 'check');
  try {
    return await fn(client);
  } finally {
    await closeQuietly(client);
  }
}
