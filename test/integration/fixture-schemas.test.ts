import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { masTables } from '../../src-main/engine/mas/mas-tables';
import { schemaSql } from '../../src-main/sandbox/schemas';
import { databaseWithSchema, freshDatabase, withClient } from '../helpers/databases';
import { fixtureMasSchemaVersion, realMasSchemaPath } from '../helpers/pg-clients';
import { catalogSnapshot } from './migration/catalog';
import { optionalSynapseTables, synapseTables } from '../../src-shared/domain/migration-tables';

describe('test fixture schemas', () => {
  it('the Synapse schema has the tables the migration reads: the six, and registration_tokens', async () => {
    const url = await databaseWithSchema('synapse');
    const tables = await withClient(url, (c) =>
      c.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"),
    );
    expect(tables.rows.map((r) => r.t)).toEqual([...synapseTables, ...optionalSynapseTables].sort());
  });

  it('the MAS schema has the nine tables, their neighbours with foreign keys into them, and pg_trgm', async () => {
    const url = await databaseWithSchema('mas');
    await withClient(url, async (c) => {
      const ext = await c.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'");
      expect(ext.rowCount).toBe(1);
      const inbound = await c.query<{ from: string; to: string }>(`
        SELECT conrelid::regclass::text AS from, confrelid::regclass::text AS to FROM pg_constraint
        WHERE contype = 'f' AND conrelid <> confrelid
          AND conrelid::regclass::text IN ('user_sessions','oauth2_sessions','compat_sso_logins','user_recovery_tickets','upstream_oauth_authorization_sessions','user_session_authentications','user_registrations')`);
      const targets = new Set(inbound.rows.map((r) => r.to));
      for (const t of ['users', 'user_emails', 'compat_sessions', 'upstream_oauth_links', 'user_passwords', 'user_registration_tokens'])
        expect(targets).toContain(t);
      const head = await c.query('SELECT max(version)::text AS v FROM _sqlx_migrations');
      expect(head.rows[0].v).toBe(fixtureMasSchemaVersion());
    });
  });
});

/** A schema's shape, restricted to some tables: columns (in order, with type, NOT NULL and default), constraints and indexes. */
async function shape(url: string, tables: string[]) {
  const onTables = (table: string | undefined) => table !== undefined && tables.includes(table);
  const snapshot = await withClient(url, catalogSnapshot);
  const columns = await withClient(url, (c) =>
    c.query<{ line: string }>(
      `SELECT cl.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
              || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') AS line
       FROM pg_attribute a JOIN pg_class cl ON cl.oid = a.attrelid
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE cl.relnamespace = current_schema()::regnamespace AND cl.relname = ANY($1) AND a.attnum > 0 AND NOT a.attisdropped
       ORDER BY cl.relname, a.attnum`,
      [tables],
    ),
  );
  return {
    columns: columns.rows.map((r) => r.line),
    constraints: snapshot.constraints.filter((line) => onTables(line.split(' ')[0])),
    indexes: snapshot.indexes.map((line) => line.replace(/ public\./g, ' ')).filter((line) => onTables(/ ON (\S+) USING /.exec(line)?.[1])),
  };
}

/** Tables that hold a foreign key into one of the migrated tables: pausing constraints has to find them. */
async function neighbours(url: string): Promise<string[]> {
  const result = await withClient(url, (c) =>
    c.query<{ t: string }>(
      `SELECT DISTINCT conrelid::regclass::text AS t FROM pg_constraint
       WHERE contype = 'f' AND confrelid::regclass::text = ANY($1) AND NOT conrelid::regclass::text = ANY($1) ORDER BY 1`,
      [masTables],
    ),
  );
  return result.rows.map((r) => r.t);
}

const schemaVersion = (url: string) =>
  withClient(url, async (c) => (await c.query<{ v: string }>('SELECT max(version)::text AS v FROM _sqlx_migrations')).rows[0]?.v);

describe.runIf(existsSync(realMasSchemaPath))("the sandbox's own MAS schema", () => {
  it('is true to the real one for the tables it has: same columns, constraints and indexes, the same schema version', async () => {
    const real = await freshDatabase('real_mas');
    const ours = await freshDatabase('our_mas');
    await withClient(real, (c) => c.query(readFileSync(realMasSchemaPath, 'utf8')));
    await withClient(ours, (c) => c.query(schemaSql.mas));
    const tables = await withClient(ours, async (c) => (await catalogSnapshot(c)).tables);
    const realNeighbours = await neighbours(real);
    expect(realNeighbours.length).toBeGreaterThan(0);
    expect(tables).toEqual(expect.arrayContaining([...masTables, 'upstream_oauth_providers', '_sqlx_migrations', ...realNeighbours]));
    const [ourShape, realShape] = [await shape(ours, tables), await shape(real, tables)];
    expect(ourShape.constraints.some((line) => line.includes(' FOREIGN KEY '))).toBe(true);
    expect(ourShape).toEqual(realShape);
    expect(await schemaVersion(ours)).toBe(await schemaVersion(real));
  });
});
