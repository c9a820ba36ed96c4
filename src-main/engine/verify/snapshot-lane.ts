import type pg from 'pg';
import { closeQuietly, connect, type DatabaseConnector } from '../../connect/postgres/pg-helpers';
import { tuneForWholeTables, type VerifySides } from './compare-tables';

/** Opens a read transaction on `client`, tuned for reading whole tables. */
export async function beginWholeTableRead(client: pg.Client): Promise<void> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  await tuneForWholeTables(client);
}

/**
 * A second pair of connections that sees exactly what `sides` see:
 * PostgreSQL exports each side's snapshot (pg_export_snapshot) and the new
 * transaction takes it (SET TRANSACTION SNAPSHOT), as pg_dump's parallel
 * jobs do. So two tables can be compared at once without giving up one
 * consistent state per side. Undefined when a side cannot have one (no
 * connection slot left, a server that refuses the export): the comparison
 * then goes one table at a time, as before.
 */
export async function openSnapshotLane(
  sides: VerifySides,
  databases: { synapse: DatabaseConnector; mas: DatabaseConnector },
): Promise<VerifySides | undefined> {
  let synapse: pg.Client | undefined;
  let mas: pg.Client | undefined;
  try {
    synapse = await joinSnapshot(sides.synapse, () => connect('Synapse', databases.synapse, 'verify'));
    mas = await joinSnapshot(sides.mas, () => connect('MAS', databases.mas, 'verify'));
    return { synapse, mas };
  } catch {
    await Promise.all([closeQuietly(synapse), closeQuietly(mas)]);
    return undefined;
  }
}

async function joinSnapshot(exporter: pg.Client, open: () => Promise<pg.Client>): Promise<pg.Client> {
  const { rows } = await exporter.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
  const client = await open();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(`SET TRANSACTION SNAPSHOT ${client.escapeLiteral(rows[0]!.id)}`);
    await tuneForWholeTables(client);
    return client;
  } catch (error) {
    await closeQuietly(client);
    throw error;
  }
}
