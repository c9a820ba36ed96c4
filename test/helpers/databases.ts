import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, inject } from 'vitest';
import { loadFixtureSchema, sameServerDatabase, withClient } from './pg-clients';

export { withClient };

const created: string[] = [];

export function serverUrl(): string {
  return inject('pgUrl');
}

export function databaseUrl(name: string): string {
  return sameServerDatabase(serverUrl(), name);
}

/** Runs SQL against the server's maintenance database. */
function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  return withClient(serverUrl(), fn);
}

/** How a database is created: `locale` 'C' as Synapse's documentation asks (else the server's default, here C.UTF-8). */
export interface DatabaseOptions {
  locale?: 'C';
}

/** A new, empty database of this test file's own, dropped when the file ends. Returns its URI. */
export async function freshDatabase(prefix = 'test', options: DatabaseOptions = {}): Promise<string> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await admin((c) =>
    c.query(`CREATE DATABASE ${name}${options.locale ? ` ENCODING 'UTF8' LOCALE '${options.locale}' TEMPLATE template0` : ''}`),
  );
  created.push(name);
  return databaseUrl(name);
}

/** A new database holding one of our fixture schemas (test/fixtures/*.sql). */
export async function databaseWithSchema(schema: 'synapse' | 'mas', options: DatabaseOptions = {}): Promise<string> {
  const url = await freshDatabase(schema, options);
  await loadFixtureSchema(url, schema);
  return url;
}

afterAll(async () => {
  const names = created.splice(0);
  if (names.length === 0) return;
  await admin(async (c) => {
    for (const name of names) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
});

/**
 * Waits (up to 20 s) until no client but the asking one is connected to the database: a cancelled run's
 * backends end on PostgreSQL's own time, and until then the next real run rightly refuses (synapse-connections).
 */
export async function sessionsGone(url: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const others = await withClient(url, async (c) => {
      const { rows } = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
      );
      return rows[0]?.n ?? 0;
    });
    if (others === 0) return;
    if (Date.now() > deadline) throw new Error(`${others} session(s) of the cancelled run still connected after 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
