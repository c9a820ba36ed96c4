import { readFile } from 'node:fs/promises';
import pg from 'pg';

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

/** Runs one of our fixture schemas (test/fixtures/*.sql) in a database. */
export async function loadFixtureSchema(url: string, schema: 'synapse' | 'mas'): Promise<void> {
  const sql = await readFile(new URL(`../fixtures/${schema}-schema.sql`, import.meta.url), 'utf8');
  await withClient(url, (c) => c.query(sql));
}

/** The URI of another database on the same server. */
export function sameServerDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
