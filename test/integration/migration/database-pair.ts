import type pg from 'pg';
import { databaseWithSchema, withClient } from '../../helpers/databases';

/** A fresh Synapse database filled by `fill`, and a fresh, empty MAS database. */
export async function synapseAndMas(fill: (client: pg.Client) => Promise<unknown>): Promise<{ synapse: string; mas: string }> {
  const synapse = await databaseWithSchema('synapse');
  const mas = await databaseWithSchema('mas');
  await withClient(synapse, fill);
  return { synapse, mas };
}
