import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
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

/** Runs one of our schemas (src-main/sandbox/*-schema-sql.ts, shared with the sandbox) in a database. */
export async function loadFixtureSchema(url: string, schema: SchemaName): Promise<void> {
  await withClient(url, (c) => c.query(schemaSql[schema]));
}

/** MAS's real schema (what `mas-cli database migrate` creates), read from ../shared/reference: never copied into the project. */
export const masReferenceSchemaPath = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/reference/mas-database-schema.sql');

/**
 * MAS's real schema when ../shared/reference holds it (always in CI), else the
 * sandbox's own. Returns which one was loaded. The dump empties search_path
 * while it loads; that lasts only for its own connection.
 */
export async function loadMasSchema(url: string): Promise<'reference' | 'sandbox'> {
  if (!existsSync(masReferenceSchemaPath)) {
    await loadFixtureSchema(url, 'mas');
    return 'sandbox';
  }
  const sql = readFileSync(masReferenceSchemaPath, 'utf8');
  await withClient(url, (c) => c.query(sql));
  return 'reference';
}

/** The URI of another database on the same server. */
export function sameServerDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
