import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { type SchemaName, schemaSql } from '../../src-main/sandbox/schemas';

const created: string[] = [];

export function serverUrl(): string {
  return inject('pgUrl');
}

export function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs SQL against the server's maintenance database. */
async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database of this test file's own, dropped when the file ends. Returns its URI. */
export async function freshDatabase(prefix = 'test'): Promise<string> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  created.push(name);
  return databaseUrl(name);
}

/** A new database holding one of our fixture schemas (src-main/sandbox/*-schema-sql.ts). */
export async function databaseWithSchema(schema: SchemaName): Promise<string> {
  const url = await freshDatabase(schema);
  await withClient(url, (c) => c.query(schemaSql[schema]));
  return url;
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  const names = created.splice(0);
  if (names.length === 0) return;
  await admin(async (c) => {
    for (const name of names) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
});
