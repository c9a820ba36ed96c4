import pg from 'pg';
import type { SandboxDatabases } from './sandbox-databases';
import { generateSynapseData } from './synapse-data';

/** Fills the sandbox's Synapse database with `users` sample users of every shape the migration handles. */
export async function populateSandbox(db: SandboxDatabases['synapse'], serverName: string, users: number): Promise<void> {
  const client = new pg.Client({ host: db.host, port: db.port, user: db.user, password: db.password, database: db.database });
  await client.connect();
  try {
    await generateSynapseData(client, { serverName, users });
  } finally {
    await client.end();
  }
}
