import type { Finding } from '../../../../src-shared/domain/finding';
import { AppError, ErrorCode } from '../../../../src-shared/errors';
import { type LibpqSettings, settingsFromSynapseArgs } from '../../../connect/postgres/libpq-settings';
import { type SynapseConfig, synapseSource } from './synapse-config';

/**
 * The database problem of SPEC §2 (synapse-db-sqlite / -driver / -args), if any.
 * Synapse uses SQLite when `database` or its `name` is absent, so that is the SQLite error too.
 */
export function synapseDatabaseFinding(cfg: SynapseConfig): Finding | undefined {
  const db = cfg.model.database;
  const name = db?.name ?? 'sqlite3';
  if (name === 'sqlite3') {
    return {
      id: 'synapse-db-sqlite',
      severity: 'error',
      area: 'synapse-config',
      message: db?.name
        ? 'Synapse uses SQLite (database.name: sqlite3); only PostgreSQL can be migrated.'
        : 'Synapse uses SQLite (no database.name set, so the default sqlite3 applies); only PostgreSQL can be migrated.',
      fix: "Port Synapse to PostgreSQL first with Synapse's synapse_port_db tool, switch database.name to psycopg2, then run the checks again.",
      source: synapseSource(cfg, db?.name ? ['database', 'name'] : ['database']),
    };
  }
  if (name !== 'psycopg2') {
    return {
      id: 'synapse-db-driver',
      severity: 'error',
      area: 'synapse-config',
      message: `Unknown Synapse database driver "${name}" (database.name must be psycopg2).`,
      fix: 'Set database.name to psycopg2 with the PostgreSQL connection under database.args.',
      source: synapseSource(cfg, ['database', 'name']),
    };
  }
  if (db?.args?.dbname != null && db.args.database != null) {
    return {
      id: 'synapse-db-args',
      severity: 'error',
      area: 'synapse-config',
      message: `database.args gives both dbname ("${db.args.dbname}") and database ("${db.args.database}"); they mean the same thing.`,
      fix: 'Keep only one of database.args.dbname and database.args.database.',
      source: synapseSource(cfg, ['database', 'args', 'database']),
    };
  }
  return undefined;
}

/**
 * Synapse's `database.args` as libpq settings (psycopg2 passes them to libpq
 * as they are). Throws the finding of SPEC §2 as an AppError when the section
 * is not a usable PostgreSQL one.
 */
export function synapseDatabaseSettings(cfg: SynapseConfig): LibpqSettings {
  const problem = synapseDatabaseFinding(cfg);
  if (problem) throw new AppError(ErrorCode.parse(problem.id), `${problem.source}: ${problem.message}`, problem.fix);
  return settingsFromSynapseArgs(cfg.model.database?.args ?? {});
}
