import type pg from 'pg';
import type { Finding } from '../../../src-shared/domain/finding';
import { synapseTableColumns } from './synapse-tables';

/** The Synapse side must hold the tables and columns the migration reads; catches a swapped or wrong database. */
export async function inspectSynapseDatabase(client: pg.Client, where: string): Promise<Finding[]> {
  const { rows } = await client.query<{ t: string; c: string }>(
    'SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = current_schema()',
  );
  const present = new Set(rows.map((r) => `${r.t}.${r.c}`));
  const missing = Object.entries(synapseTableColumns).flatMap(([table, columns]) =>
    columns.map((c) => `${table}.${c}`).filter((tc) => !present.has(tc)),
  );
  if (!missing.length) return [];
  return [
    {
      id: 'synapse-not-synapse',
      severity: 'error',
      area: 'synapse-database',
      message: `The Synapse ${where} lacks ${missing.length} of the columns Synapse has (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}): it is not a Synapse database.`,
      fix: "Point the Synapse side at Synapse's PostgreSQL database (database.args in homeserver.yaml, or --synapse-database-uri).",
      count: missing.length,
      examples: missing.slice(0, 20),
    },
  ];
}
