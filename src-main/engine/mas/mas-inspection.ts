import { plural } from '../../../src-shared/text';
import type pg from 'pg';
import type { Finding } from '../../../src-shared/domain/finding';
import {
  type MasTable,
  masTableColumns,
  masTables,
  optionalMasTables,
  pausedName,
  providerTableColumns,
  restoreConstraintsTable,
  restoreIndicesTable,
} from './mas-tables';
import { quoteIdent } from '../../connect/postgres/pg-helpers';
import { masTokensMissingNotice } from '../synapse/registration-token-notices';

/** `fresh`: nothing of ours there; `resumable`: an earlier run died half-way (SPEC §4.6); `partial`: only one restore table. */
export type MasState = 'fresh' | 'resumable' | 'partial';

export interface MasInspection {
  /** `max(version)` of `_sqlx_migrations`, as text (bigint). */
  schemaVersion: string | null;
  state: MasState;
  /** The tables this MAS has of those the migration writes: all but the optional ones it lacks (SPEC §3). */
  tables: MasTable[];
  findings: Finding[];
}

const masFix =
  'Point the MAS side at the MAS database and run `mas-cli database migrate` against it (with the MAS config) before migrating.';

/** Checks a MAS database through the catalog only (SPEC §2, §3, §4.6); never changes it. */
export async function inspectMasDatabase(client: pg.Client, where: string): Promise<MasInspection> {
  const columns = await client.query<{ table_name: string; column_name: string }>(
    'SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()',
  );
  const byTable = new Map<string, Set<string>>();
  for (const row of columns.rows) {
    const set = byTable.get(row.table_name) ?? new Set<string>();
    set.add(row.column_name);
    byTable.set(row.table_name, set);
  }
  const hasRestoreConstraints = byTable.has(restoreConstraintsTable);
  const hasRestoreIndices = byTable.has(restoreIndicesTable);
  const state: MasState =
    hasRestoreConstraints && hasRestoreIndices ? 'resumable' : hasRestoreConstraints || hasRestoreIndices ? 'partial' : 'fresh';
  const findings: Finding[] = [];

  if (state === 'partial') {
    const present = hasRestoreConstraints ? restoreConstraintsTable : restoreIndicesTable;
    findings.push({
      id: 'mas-partial-state',
      severity: 'error',
      area: 'mas-database',
      message: `The MAS ${where} has ${present} but not its companion restore table: an earlier migration left it in a state that cannot be resumed.`,
      fix: 'Restore the MAS database from the backup taken before the migration (or recreate it with `mas-cli database migrate`), then migrate again.',
      source: present,
    });
  }

  if (state === 'resumable') {
    findings.push({
      id: 'mas-resumable',
      severity: 'warning',
      area: 'mas-database',
      message: `The MAS ${where} holds a migration that was interrupted half-way (tables renamed to syn2mas__*, definitions in the restore tables).`,
      fix: 'Do not start MAS. Run the migration again: it empties the half-written tables and continues from the saved definitions.',
      source: restoreConstraintsTable,
    });
  }

  const named = (t: MasTable) => (state === 'resumable' ? pausedName(t) : t);
  // In a paused MAS, the interrupted run's own choice: the optional tables it paused.
  const tables = masTables.filter((t) => !optionalMasTables.has(t) || byTable.has(named(t)));
  const missing: string[] = [];
  const required: [string, readonly string[]][] = [
    ['_sqlx_migrations', ['version', 'success']],
    ['upstream_oauth_providers', providerTableColumns],
    ...tables.map((t): [string, readonly string[]] => [named(t), masTableColumns[t]]),
  ];
  for (const [table, cols] of required) {
    const present = byTable.get(table);
    if (!present) missing.push(table);
    else for (const c of cols) if (!present.has(c)) missing.push(`${table}.${c}`);
  }
  if (!missing.length && !tables.includes('user_registration_tokens')) findings.push(masTokensMissingNotice(where));
  if (missing.length) {
    findings.push({
      id: 'mas-not-mas',
      severity: 'error',
      area: 'mas-database',
      message: `The MAS ${where} lacks ${missing.length} of the tables/columns MAS creates (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}): it is not a migrated MAS database.`,
      fix: masFix,
      count: missing.length,
      examples: missing.slice(0, 20),
    });
  }

  const schemaVersion = byTable.has('_sqlx_migrations')
    ? ((await client.query<{ v: string | null }>('SELECT max(version)::text AS v FROM _sqlx_migrations WHERE success')).rows[0]?.v ?? null)
    : null;

  if (state === 'fresh' && !missing.length) findings.push(...(await nonEmptyTables(client, tables, where)));
  return { schemaVersion, state, tables, findings };
}

const countCap = 1000;

async function nonEmptyTables(client: pg.Client, tables: readonly MasTable[], where: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const table of tables) {
    // A capped count: enough to tell the admin how much is there without scanning a big table.
    const result = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${quoteIdent(table)} LIMIT ${countCap + 1}) AS t`,
    );
    const n = result.rows[0]!.n;
    if (n > 0) findings.push(notEmpty(table, n, where));
  }
  return findings;
}

function notEmpty(table: MasTable, n: number, where: string): Finding {
  const rows = n > countCap ? `more than ${countCap} rows` : plural(n, 'row');
  return {
    id: 'mas-not-empty',
    severity: 'error',
    area: 'mas-database',
    message: `The MAS table ${table} in the ${where} already has ${rows}; the migration only writes into an empty MAS database.`,
    fix: 'Migrate into a freshly created MAS database (drop it, recreate it and run `mas-cli database migrate`), or restore it from the backup taken before MAS was used.',
    source: table,
    count: n,
  };
}
