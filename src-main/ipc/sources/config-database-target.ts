import type { DatabaseTls, TlsMode } from '../../../src-shared/domain/profile';
import { AppError } from '../../../src-shared/errors';
import { type DatabaseTarget, parseLibpqUri } from '../../connect/postgres/database-target';
import type { PgConnectionParams } from '../../engine/config/pg-connection';

/** libpq's default when a config names no host: the local Unix socket, as the database's own machine sees it. */
const defaultSocketDir = '/var/run/postgresql';

function tlsOf(sslmode: string | undefined, caFile: string | undefined): DatabaseTls {
  const mode = (sslmode === 'allow' || sslmode === undefined ? 'prefer' : sslmode) as TlsMode;
  return caFile ? { mode, caFile } : { mode };
}

/**
 * The database a config file names, as the connect layer reaches it (the
 * host is as the config's own machine sees it: through SSH it is resolved on
 * the server). `where` names the config for the error.
 */
export function databaseTargetFromConfig(params: PgConnectionParams, where: string): DatabaseTarget {
  const fields = params.connectionString ? { ...params, ...parseLibpqUri(params.connectionString) } : params;
  const { user, database } = fields;
  if (!user || !database) {
    throw new AppError('database-settings-missing', `The database section of ${where} does not name the ${user ? 'database' : 'user'}.`, 'Add it to the config, or give the database connection in the profile.');
  }
  return {
    host: fields.host ?? defaultSocketDir,
    port: fields.port ?? 5432,
    database,
    user,
    ...(fields.password ? { password: fields.password } : {}),
    tls: tlsOf('tlsMode' in fields ? (fields.tlsMode as string | undefined) : params.sslmode, fields.caFile),
  };
}
