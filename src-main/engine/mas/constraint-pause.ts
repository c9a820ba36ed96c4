import type pg from 'pg';
import { type MasTable, pausedName, restoreConstraintsTable, restoreIndicesTable } from './mas-tables';
import { quoteIdent } from '../../connect/postgres/pg-helpers';

/** A constraint or index dropped for the bulk write, as saved in the restore tables. */
export interface SavedDefinition {
  orderKey: number;
  tableName: string;
  name: string;
  definition: string;
}

export interface PausedSchema {
  constraints: SavedDefinition[];
  indices: SavedDefinition[];
}

/**
 * SPEC §4.2: inside the caller's transaction, create the restore tables,
 * rename the run's tables (MasInspection.tables) to `syn2mas__<name>`, then for each drop and record
 * the foreign keys pointing at it, its own keys, then its indexes. The
 * definitions are read after the rename so they name the paused tables and
 * can be replayed before the tables get their names back.
 */
export async function pauseConstraints(client: pg.Client, tables: readonly MasTable[]): Promise<PausedSchema> {
  for (const table of [restoreConstraintsTable, restoreIndicesTable]) {
    await client.query(
      `CREATE TABLE ${table} (order_key integer PRIMARY KEY, table_name text NOT NULL, name text NOT NULL, definition text NOT NULL)`,
    );
  }
  for (const table of tables) await client.query(`ALTER TABLE ${quoteIdent(table)} RENAME TO ${quoteIdent(pausedName(table))}`);

  const constraints: SavedDefinition[] = [];
  const indices: SavedDefinition[] = [];
  for (const table of tables) {
    for (const c of await constraintsOf(client, table)) {
      const saved = { orderKey: constraints.length, ...c };
      await client.query(`ALTER TABLE ${c.tableName} DROP CONSTRAINT ${quoteIdent(c.name)}`);
      await save(client, restoreConstraintsTable, saved);
      constraints.push(saved);
    }
    for (const i of await indicesOf(client, table)) {
      const saved = { orderKey: indices.length, ...i };
      await client.query(`DROP INDEX ${quoteIdent(i.schema)}.${quoteIdent(i.name)}`);
      await save(client, restoreIndicesTable, saved);
      indices.push(saved);
    }
  }
  return { constraints, indices };
}

/** The foreign keys of other tables pointing at `table`, then its own foreign, unique and primary keys (dropped in that order). */
async function constraintsOf(client: pg.Client, table: MasTable): Promise<Omit<SavedDefinition, 'orderKey'>[]> {
  const result = await client.query<{ table_name: string; name: string; definition: string }>(
    `SELECT c.conrelid::regclass::text AS table_name, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
     FROM pg_constraint c JOIN pg_class t ON t.oid = $1::text::regclass JOIN pg_namespace n ON n.oid = c.connamespace
     WHERE n.nspname = current_schema() AND c.contype IN ('f', 'p', 'u')
       AND ((c.contype = 'f' AND c.confrelid = t.oid AND c.conrelid <> t.oid) OR c.conrelid = t.oid)
     ORDER BY (c.conrelid <> t.oid) DESC, (c.contype = 'f') DESC, c.conname`,
    [quoteIdent(pausedName(table))],
  );
  return result.rows.map((r) => ({ tableName: r.table_name, name: r.name, definition: r.definition }));
}

async function indicesOf(client: pg.Client, table: MasTable): Promise<(Omit<SavedDefinition, 'orderKey'> & { schema: string })[]> {
  const result = await client.query<{ schema: string; name: string; definition: string }>(
    `SELECT schemaname AS schema, indexname AS name, indexdef AS definition FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename = $1 ORDER BY indexname`,
    [pausedName(table)],
  );
  return result.rows.map((r) => ({ schema: r.schema, tableName: pausedName(table), name: r.name, definition: r.definition }));
}

async function save(client: pg.Client, restoreTable: string, d: SavedDefinition): Promise<void> {
  await client.query(`INSERT INTO ${restoreTable} (order_key, table_name, name, definition) VALUES ($1, $2, $3, $4)`, [
    d.orderKey,
    d.tableName,
    d.name,
    d.definition,
  ]);
}

/** SPEC §4.6: the definitions an interrupted run saved. */
export async function loadPausedSchema(client: pg.Client): Promise<PausedSchema> {
  const load = async (table: string) =>
    (
      await client.query<{ order_key: number; table_name: string; name: string; definition: string }>(
        `SELECT order_key, table_name, name, definition FROM ${table} ORDER BY order_key`,
      )
    ).rows.map((r) => ({ orderKey: r.order_key, tableName: r.table_name, name: r.name, definition: r.definition }));
  return { constraints: await load(restoreConstraintsTable), indices: await load(restoreIndicesTable) };
}

/** Memory for each index build of the rebuild transaction (sorts stay in memory on large servers). */
export const rebuildMaintenanceWorkMem = '512MB';

/** One step of the rebuild, reported as its own progress stage. */
export interface RebuildStep {
  kind: 'index' | 'constraint';
  name: string;
  table: string;
  sql: string;
}

/**
 * When each saved definition is rebuilt (SPEC §4.4 as this engine runs it).
 * `byTable`: built by the writer of each paused table, inside its own
 * transaction, as soon as the table's rows are in, while other tables still
 * load: the table's indexes, and the unique indexes behind its plain primary
 * and unique keys. `final`: the constraints, in the final transaction, in
 * the reverse of the order they were dropped; a key whose index is built
 * already takes it over (`USING INDEX`, no second build).
 */
export interface RebuildPlan {
  byTable: Map<string, RebuildStep[]>;
  final: RebuildStep[];
}

/** A primary or unique key on plain columns, which a unique index built beforehand can back. */
const plainKey = /^(PRIMARY KEY|UNIQUE) (\([^()]*\))$/;

export function rebuildPlan(schema: PausedSchema): RebuildPlan {
  const byTable = new Map<string, RebuildStep[]>();
  const early = (step: RebuildStep) => byTable.set(step.table, [...(byTable.get(step.table) ?? []), step]);
  for (const i of [...schema.indices].reverse()) early({ kind: 'index', name: i.name, table: i.tableName, sql: i.definition });
  const final = [...schema.constraints].reverse().map((c): RebuildStep => {
    const key = plainKey.exec(c.definition);
    const add = `ALTER TABLE ${c.tableName} ADD CONSTRAINT ${quoteIdent(c.name)}`;
    if (!key) return { kind: 'constraint', name: c.name, table: c.tableName, sql: `${add} ${c.definition}` };
    early({
      kind: 'index',
      name: c.name,
      table: c.tableName,
      sql: `CREATE UNIQUE INDEX ${quoteIdent(c.name)} ON ${c.tableName} ${key[2]}`,
    });
    return { kind: 'constraint', name: c.name, table: c.tableName, sql: `${add} ${key[1]} USING INDEX ${quoteIdent(c.name)}` };
  });
  return { byTable, final };
}

/** Every step of a plan in an order one connection can run them: each table's indexes, then the constraints. */
export function planSteps(plan: RebuildPlan): RebuildStep[] {
  return [...[...plan.byTable.values()].flat(), ...plan.final];
}

/**
 * SPEC §4.6, resuming: the indexes an interrupted run had built already (its
 * writers may have committed before the final transaction died) are
 * dropped, to be built again. The paused tables have no other indexes: all
 * were dropped when they were paused.
 */
export async function dropRebuiltIndexes(client: pg.Client, tables: readonly MasTable[]): Promise<void> {
  const { rows } = await client.query<{ schema: string; name: string }>(
    'SELECT schemaname AS schema, indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY($1)',
    [tables.map(pausedName)],
  );
  for (const r of rows) await client.query(`DROP INDEX ${quoteIdent(r.schema)}.${quoteIdent(r.name)}`);
}

/** After the rebuild, inside the same transaction: drop the restore tables and give the tables their names back. */
export async function unpauseTables(client: pg.Client, tables: readonly MasTable[]): Promise<void> {
  await client.query(`DROP TABLE ${restoreConstraintsTable}, ${restoreIndicesTable}`);
  for (const table of tables) await client.query(`ALTER TABLE ${quoteIdent(pausedName(table))} RENAME TO ${quoteIdent(table)}`);
}

export async function truncatePausedTables(client: pg.Client, tables: readonly MasTable[]): Promise<void> {
  await client.query(`TRUNCATE ${tables.map((t) => quoteIdent(pausedName(t))).join(', ')}`);
}
