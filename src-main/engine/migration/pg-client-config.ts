import type pg from 'pg';
import { parseLibpqUri } from '../../connect/postgres/database-target';
import { sslOptions } from '../../connect/postgres/tls-options';
import type { TlsMode } from '../../../src-shared/domain/profile';
import type { PgConnectionParams } from '../config/pg-connection';

/**
 * node-postgres `ssl` for a libpq sslmode. Without a mode (or `disable`,
 * `allow`, `prefer`) the connection is plain, like node-postgres' default.
 */
async function sslFor(mode: string | undefined, caFile?: string): Promise<pg.ClientConfig['ssl']> {
  if (mode === 'require' || mode === 'verify-ca' || mode === 'verify-full')
    return sslOptions({ mode: mode as TlsMode, ...(caFile ? { caFile } : {}) });
  return false;
}

/** Connection parameters read from a Synapse or MAS config, as node-postgres takes them. */
export async function clientConfigFromParams(params: PgConnectionParams): Promise<pg.ClientConfig> {
  if (params.connectionString) return clientConfigFromUri(params.connectionString, {});
  const { sslmode, caFile, passwordFile: _unused, connectionString: _none, ...fields } = params;
  return { ...fields, ssl: await sslFor(sslmode, caFile) };
}

/**
 * `--synapse-database-uri` (SPEC §8): a libpq URI whose missing parts come
 * from PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE.
 */
export async function clientConfigFromUri(uri: string, env: Record<string, string | undefined>): Promise<pg.ClientConfig> {
  const parsed = parseLibpqUri(uri);
  const port = parsed.port ?? (env.PGPORT ? Number(env.PGPORT) : undefined);
  const config: pg.ClientConfig = { ssl: await sslFor(parsed.tlsMode ?? env.PGSSLMODE, parsed.caFile) };
  const host = parsed.host ?? env.PGHOST;
  const user = parsed.user ?? env.PGUSER;
  const password = parsed.password ?? env.PGPASSWORD;
  const database = parsed.database ?? env.PGDATABASE;
  if (host) config.host = host;
  if (port) config.port = port;
  if (user) config.user = user;
  if (password) config.password = password;
  if (database) config.database = database;
  return config;
}
