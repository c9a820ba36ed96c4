import type pg from 'pg';

/** The constraints and indexes of the current schema, to compare the MAS schema before and after a run. */
export async function catalogSnapshot(client: pg.Client): Promise<{ constraints: string[]; indexes: string[]; tables: string[] }> {
  const constraints = await client.query<{ line: string }>(
    `SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS line FROM pg_constraint
     WHERE connamespace = current_schema()::regnamespace ORDER BY 1`,
  );
  const indexes = await client.query<{ line: string }>(
    'SELECT indexdef AS line FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1',
  );
  const tables = await client.query<{ line: string }>(
    'SELECT tablename AS line FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1',
  );
  return {
    constraints: constraints.rows.map((r) => r.line),
    indexes: indexes.rows.map((r) => r.line),
    tables: tables.rows.map((r) => r.line),
  };
}
