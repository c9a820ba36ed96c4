import type { DatabaseRoute } from '../connect/postgres/database-route';
import { generateSynapseData } from './synapse-data';

/** Fills the sandbox's Synapse database with `users` sample users of every shape the migration handles. */
export async function populateSandbox(synapse: DatabaseRoute, serverName: string, users: number): Promise<void> {
  const client = await synapse.connect('mas-migrator-sandbox');
  try {
    await generateSynapseData(client, { serverName, users });
  } finally {
    await client.end();
  }
}
