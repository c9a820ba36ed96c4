import { type DatabaseTls, TlsMode } from '../../../src-shared/domain/profile';
import { AppError } from '../../../src-shared/errors';
import { type DatabaseTarget, parseLibpqUri } from '../../connect/postgres/database-target';
import type { PgConnectionParams } from '../../engine/config/pg-connection';

/** libpq's default when a config names no host: the local Unix socket, as the database's own machine sees it. */
const defaultSocketDir = '/var/run/postgresql';

function tlsOf(sslmode: string | undefined, caFile: string | undefined, where: string): DatabaseTls {
  const parsed = TlsMode.safeParse(sslmode === 'allow' || sslmode === undefined ? 'prefer' : sslmode);
  if (!parsed.success) {
    throw new AppError(
      'database-sslmode-invalid',
      `The sslmode "${sslmode}" in the database section of ${where} is not one of ${TlsMode.options.join(', ')}.`,
      'Fix the sslmode in the config.',
    );
  }
  return caFile ? { mode: parsed.data, caFile } : { mode: parsed.data };
}

/**
 * The database a config file names, as the connect layer reaches it (the
 * host is as the config's own machine sees it: through SSH it is resolved on
 * the server). `where` names the config for the error.
 */
export function databaseTargetFromConfig(params: PgConnectionParams, where: string): DatabaseTarget {
  const fields = params.connectionString ? { ...params, ...parseLibpqUri(params.connectionString) } : params;
  const { user } = fields;
  if (!user)
    throw new AppError(
      'database-settings-missing',
      `The database section of ${where} does not name the user.`,
      'Add it to the config, or give the database connection in the profile.',
    );
  // As libpq: without a database name, the database is named after the user.
  const database = fields.database ?? user;
  return {
    host: fields.host ?? defaultSocketDir,
    port: fields.port ?? 5432,
    database,
    user,
    ...(fields.password ? { password: fields.password } : {}),
    tls: tlsOf('tlsMode' in fields ? (fields.tlsMode as string | undefined) : params.sslmode, fields.caFile, where),
  };
}
