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

/** The URI of another database on the same server. */
export function sameServerDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
