import type { LocalPostgres } from '../connect/embedded-postgres';
import type { DatabaseRoute } from '../connect/postgres/database-route';
import { settingsFromUri } from '../connect/postgres/libpq-settings';
import { openDatabase } from '../connect/postgres/open-database';
import { schemaSql } from './schemas';

export interface SandboxDatabases {
  synapse: { host: string; port: number; user: string; password: string; database: string };
  mas: { host: string; port: number; user: string; password: string; database: string };
}

export function databaseUri(db: SandboxDatabases['mas']): string {
  return `postgresql://${encodeURIComponent(db.user)}:${encodeURIComponent(db.password)}@${db.host}:${db.port}/${db.database}?sslmode=disable`;
}

/** A route to one of the sandbox's databases, the way every other database is reached. */
export function sandboxRoute(db: SandboxDatabases['mas']): Promise<DatabaseRoute> {
  return openDatabase(settingsFromUri(databaseUri(db), 'of the sandbox'), { env: {}, where: 'the sandbox' });
}

async function run(db: SandboxDatabases['mas'], sql: string): Promise<void> {
  const client = await (await sandboxRoute(db)).connect('mas-migrator-sandbox');
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
    await run(connection('postgres'), `CREATE DATABASE ${name}`);
    await run(result[name], schemaSql[name]);
  }
  return result;
}
