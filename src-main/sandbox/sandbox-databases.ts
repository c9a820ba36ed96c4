import pg from 'pg';
import type { LocalPostgres } from '../connect/embedded-postgres';
import { schemaSql } from './schemas';

export interface SandboxDatabases {
  synapse: { host: string; port: number; user: string; password: string; database: string };
  mas: { host: string; port: number; user: string; password: string; database: string };
}

async function run(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates the Synapse and the blank MAS database on the sandbox server, each with its schema. */
export async function createSandboxDatabases(server: LocalPostgres): Promise<SandboxDatabases> {
  const admin = new URL(server.url);
  const connection = (database: string) => ({
    host: admin.hostname,
    port: server.port,
    user: decodeURIComponent(admin.username),
    password: decodeURIComponent(admin.password),
    database,
  });
  const result: SandboxDatabases = { synapse: connection('synapse'), mas: connection('mas') };
  for (const name of ['synapse', 'mas'] as const) {
    await run(server.url, `CREATE DATABASE ${name}`);
    const url = new URL(server.url);
    url.pathname = `/${name}`;
    await run(url.toString(), schemaSql[name]);
  }
  return result;
}

export function databaseUri(db: SandboxDatabases['mas']): string {
  return `postgresql://${encodeURIComponent(db.user)}:${encodeURIComponent(db.password)}@${db.host}:${db.port}/${db.database}`;
}
