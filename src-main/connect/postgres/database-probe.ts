import type pg from 'pg';
import { type MasTable, masTables, optionalMasTables, synapseTables } from '../../../src-shared/domain/migration-tables';

/** One thing the migration needs from a database, checked with the connecting user's real privileges. */
export interface PrivilegeCheck {
  id: string;
  ok: boolean;
  message: string;
  fix?: string;
}

export interface DatabaseProbe {
  serverVersion: string;
  /** Bytes, from pg_database_size. */
  databaseSize: number;
  user: string;
  superuser: boolean;
  checks: PrivilegeCheck[];
}

async function basics(client: pg.Client): Promise<Omit<DatabaseProbe, 'checks'>> {
  const { rows } = await client.query(
    `SELECT current_setting('server_version') AS version, pg_database_size(current_database())::text AS size,
            current_user AS "user", (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser`,
  );
  const row = rows[0];
  return { serverVersion: row.version, databaseSize: Number(row.size), user: row.user, superuser: row.superuser === true };
}

interface TableAccess {
  name: string;
  exists: boolean;
  select: boolean;
  lock: boolean;
  owned: boolean;
}

/** Per table of the current schema: whether it exists, and what the current user may do with it. */
async function tableAccess(client: pg.Client, tables: readonly string[]): Promise<TableAccess[]> {
  const { rows } = await client.query(
    `SELECT t.name, c.oid IS NOT NULL AS exists,
            coalesce(has_table_privilege(c.oid, 'SELECT'), false) AS select,
            coalesce(has_table_privilege(c.oid, 'UPDATE') OR has_table_privilege(c.oid, 'DELETE') OR has_table_privilege(c.oid, 'TRUNCATE'), false) AS lock,
            coalesce(pg_has_role(c.relowner, 'USAGE'), false) AS owned
       FROM unnest($1::text[]) AS t(name)
       LEFT JOIN pg_class c ON c.relname = t.name AND c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')`,
    [tables],
  );
  return rows as TableAccess[];
}

const list = (rows: TableAccess[]) => rows.map((r) => r.name).join(', ');

/**
 * What the Synapse side needs: read the six tables and lock them in
 * EXCLUSIVE mode (which needs UPDATE, DELETE or TRUNCATE; nothing is ever
 * written). Also tells whether the MAS integration looks enabled already.
 */
export async function probeSynapseDatabase(client: pg.Client, options: { masEnabledInConfig?: boolean } = {}): Promise<DatabaseProbe> {
  const probe = await basics(client);
  const access = await tableAccess(client, synapseTables);
  const missing = access.filter((t) => !t.exists);
  const unreadable = access.filter((t) => t.exists && !t.select);
  const unlockable = access.filter((t) => t.exists && !t.lock);
  const checks: PrivilegeCheck[] = [];
  if (missing.length) {
    checks.push({
      id: 'synapse-tables-missing',
      ok: false,
      message: `Tables missing: ${list(missing)}. This does not look like Synapse's database.`,
      fix: 'Check the database name and schema (Synapse must have run its migrations on it).',
    });
  }
  checks.push(
    unreadable.length
      ? {
          id: 'synapse-read',
          ok: false,
          message: `${probe.user} cannot read ${list(unreadable)}.`,
          fix: `GRANT SELECT ON ${list(unreadable)} TO ${probe.user}; or connect as Synapse's database user.`,
        }
      : {
          id: 'synapse-read',
          ok: missing.length === 0,
          message: `${probe.user} can read the ${synapseTables.length - missing.length} tables the migration reads.`,
        },
  );
  checks.push(
    unlockable.length
      ? {
          id: 'synapse-lock',
          ok: false,
          message: `${probe.user} cannot lock ${list(unlockable)} in EXCLUSIVE mode (needed to be sure Synapse is stopped).`,
          fix: `Connect as Synapse's database user (the tables' owner), or GRANT UPDATE ON ${list(unlockable)} TO ${probe.user} (the migration never writes to Synapse).`,
        }
      : { id: 'synapse-lock', ok: missing.length === 0, message: `${probe.user} can take the locks the migration needs.` },
  );
  checks.push(await masIntegration(client, access, options.masEnabledInConfig));
  return { ...probe, checks };
}

/** SPEC §2 previous-mas-links: `oauth-delegated` rows are left by an earlier MAS integration. */
async function masIntegration(client: pg.Client, access: TableAccess[], enabledInConfig: boolean | undefined): Promise<PrivilegeCheck> {
  const externalIds = access.find((t) => t.name === 'user_external_ids');
  let rows = 0;
  if (externalIds?.select) {
    const result = await client.query(`SELECT count(*)::int AS n FROM user_external_ids WHERE auth_provider = 'oauth-delegated'`);
    rows = result.rows[0].n;
  }
  const signs = [
    ...(enabledInConfig ? ['the config has matrix_authentication_service.enabled: true'] : []),
    ...(rows > 0 ? [`user_external_ids has ${rows} row(s) with auth_provider 'oauth-delegated'`] : []),
  ];
  if (signs.length === 0) return { id: 'synapse-mas-integration', ok: true, message: 'The MAS integration is not enabled yet.' };
  return {
    id: 'synapse-mas-integration',
    ok: false,
    message: `The MAS integration already looks enabled: ${signs.join('; ')}.`,
    fix:
      rows > 0
        ? "These rows come from an earlier MAS setup: DELETE FROM user_external_ids WHERE auth_provider = 'oauth-delegated'; (on Synapse, after a backup) before migrating."
        : 'Migrate before enabling matrix_authentication_service in Synapse.',
  };
}

/**
 * What the MAS side needs: the tables it writes exist (MAS created its schema),
 * the user may create tables in the schema (the restore tables) and owns the
 * tables, so it can drop and recreate their constraints and indexes.
 */
export async function probeMasDatabase(client: pg.Client): Promise<DatabaseProbe> {
  const probe = await basics(client);
  const access = await tableAccess(client, masTables);
  // An older MAS lacks the optional tables: the migration gives a notice and writes the others.
  const missing = access.filter((t) => !t.exists && !optionalMasTables.has(t.name as MasTable));
  const notOwned = access.filter((t) => t.exists && !t.owned);
  const { rows } = await client.query(`SELECT current_schema() AS schema, has_schema_privilege(current_schema(), 'CREATE') AS create`);
  const { schema, create } = rows[0];
  const checks: PrivilegeCheck[] = [];
  if (missing.length) {
    checks.push({
      id: 'mas-tables-missing',
      ok: false,
      message: `MAS tables missing: ${list(missing)}.`,
      fix: 'Run "mas-cli database migrate" against this database first.',
    });
  }
  checks.push(
    create
      ? { id: 'mas-create', ok: true, message: `${probe.user} can create tables in schema ${schema}.` }
      : {
          id: 'mas-create',
          ok: false,
          message: `${probe.user} cannot create tables in schema ${schema}.`,
          fix: `GRANT CREATE ON SCHEMA ${schema} TO ${probe.user}; or connect as MAS's database user.`,
        },
  );
  checks.push(
    notOwned.length
      ? {
          id: 'mas-owner',
          ok: false,
          message: `${probe.user} does not own ${list(notOwned)}, so it cannot drop and recreate their constraints and indexes.`,
          fix: "Connect as MAS's database user (the owner of its tables).",
        }
      : {
          id: 'mas-owner',
          ok: missing.length === 0,
          message: `${probe.user} owns the tables, so it can drop and recreate their constraints and indexes.`,
        },
  );
  return { ...probe, checks };
}
