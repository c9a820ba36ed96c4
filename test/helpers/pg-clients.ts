import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { DatabaseRoute } from '../../src-main/connect/postgres/database-route';
import { type DatabaseTarget, resolveTarget } from '../../src-main/connect/postgres/database-target';
import { type LibpqSettings, settingsFromUri } from '../../src-main/connect/postgres/libpq-settings';
import { openDatabase } from '../../src-main/connect/postgres/open-database';
import type { DatabaseConnector } from '../../src-main/connect/postgres/pg-helpers';
import { type SchemaName, schemaSql } from '../../src-main/sandbox/schemas';

/** Plain helpers with no test-runner dependency, shared by the tests and the benchmark. */

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** MAS's real schema (what `mas-cli database migrate` creates), read from ../shared/reference when it is there (always in CI). */
export const realMasSchemaPath = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/reference/mas-database-schema.sql');

/** The SQL that creates a schema: MAS's real one when available, else ours (src-main/sandbox/*-schema-sql.ts, shared with the sandbox). */
export function schemaSqlFor(schema: SchemaName): string {
  if (schema === 'mas' && existsSync(realMasSchemaPath)) return readFileSync(realMasSchemaPath, 'utf8');
  return schemaSql[schema];
}

/**
 * Creates one of the schemas in a database (its own connection: the real MAS
 * dump resets search_path) and says which MAS schema it was.
 */
export async function loadFixtureSchema(url: string, schema: SchemaName): Promise<'reference' | 'ours'> {
  await withClient(url, (c) => c.query(schemaSqlFor(schema)));
  return schema === 'mas' && existsSync(realMasSchemaPath) ? 'reference' : 'ours';
}

/** The URI of another database on the same server. */
export function sameServerDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The MAS schema version (`max(version)` of `_sqlx_migrations`) that `loadFixtureSchema(url, 'mas')` creates. */
export function fixtureMasSchemaVersion(): string {
  const versions = [...schemaSqlFor('mas').matchAll(/^\s*(?:INSERT INTO [\w.]*_sqlx_migrations[^(]*\(|\(|VALUES \()(\d{14})\b/gm)];
  return String(Math.max(...versions.map((m) => Number(m[1]))));
}

/**
 * A database as the engine takes it, reached through the app's own
 * connect layer (libpq's rules, the same errors); opened on first use, so
 * test settings can be built synchronously.
 */
export function connectorFor(url: string): DatabaseConnector {
  let route: Promise<DatabaseRoute> | undefined;
  return {
    description: url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1@'),
    connect: async (applicationName) => {
      route ??= openDatabase(settingsFromUri(url, 'of the test'), { env: { HOME: '/nonexistent' }, where: 'the test database' });
      return (await route).connect(applicationName);
    },
  };
}

/** A target resolved the app's way from a test server's URI, with settings replacing the URI's (no PG* variables, no ~/.pgpass). */
export function targetFor(url: string, overrides: LibpqSettings = {}): Promise<DatabaseTarget> {
  return resolveTarget(
    { ...settingsFromUri(url, 'of the test'), ...overrides },
    { env: { HOME: '/nonexistent' }, where: 'the test database' },
  );
}
