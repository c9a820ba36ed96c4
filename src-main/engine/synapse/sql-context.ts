import type pg from 'pg';
import type { SqlContext } from '../mapping/stage';

/**
 * Whether Synapse's user and device ID columns (the user merge's keys) sort
 * in byte order: the C or
 * POSIX collation (what Synapse asks its database to be created with), or
 * PostgreSQL's builtin provider (code point order, which is UTF-8's byte
 * order). The columns' own collations count, else the database's. Read
 * through to_jsonb so that servers older than datlocprovider (PostgreSQL
 * 15) answer too.
 */
export async function keysSortBytewise(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ bytewise: boolean | null }>(
    `WITH db AS (
       SELECT coalesce(to_jsonb(d) ->> 'datlocprovider', 'c') AS provider, d.datcollate AS collate
       FROM pg_database d WHERE d.datname = current_database()
     )
     SELECT bool_and(CASE WHEN c.collprovider = 'd' THEN db.provider = 'b' OR (db.provider = 'c' AND db.collate IN ('C', 'POSIX'))
                          ELSE c.collprovider = 'b' OR (c.collprovider = 'c' AND c.collcollate IN ('C', 'POSIX')) END) AS bytewise
     FROM pg_attribute a JOIN pg_collation c ON c.oid = a.attcollation CROSS JOIN db
     WHERE a.attrelid = ANY (ARRAY['users', 'user_threepids', 'user_external_ids', 'devices', 'access_tokens', 'refresh_tokens']::regclass[])
       AND a.attname IN ('name', 'user_id', 'device_id') AND NOT a.attisdropped`,
  );
  return rows[0]?.bytewise === true;
}

/**
 * The SQL context of a run: `orderBy` sorts text columns in byte order,
 * by their own collation when it already is (Synapse's indexes serve it),
 * else under the "C" collation (PostgreSQL sorts).
 */
export function sqlContext(serverSuffix: string, bytewise: boolean): SqlContext {
  return {
    serverSuffix,
    orderBy: (...columns) => `ORDER BY ${columns.map((c) => (bytewise ? c : `${c} COLLATE "C"`)).join(', ')}`,
  };
}
