import type { ConfigDatabaseInfo, ConfigDatabaseReader } from '../../connect/connection-test';
import type { DatabaseTarget } from '../../connect/postgres/database-target';
import { parseLibpqUri } from '../../connect/postgres/database-target';
import { masDatabaseConnection, loadMasConfig } from '../../engine/config/mas-config';
import type { PgConnectionParams } from '../../engine/config/pg-connection';
import { loadSynapseConfig } from '../../engine/config/synapse-config';
import { synapseDatabaseConnection } from '../../engine/config/synapse-database';
import { TlsMode } from '../../../src-shared/domain/profile';
import { AppError } from '../../../src-shared/errors';

/** libpq's built-in socket folder on Debian-family servers, used when a config names no host. */
const defaultSocketDir = '/var/run/postgresql';

/** Config connection parameters as a target; missing parts get libpq's defaults (socket, 5432, sslmode prefer). */
export function targetFromParams(params: PgConnectionParams, source: string): DatabaseTarget {
  const fromUri = params.connectionString ? parseLibpqUri(params.connectionString) : {};
  const user = fromUri.user ?? params.user;
  if (!user) throw new AppError('database-settings-missing', `${source} names no database user.`, 'Add the user to the database settings of the config, or give the database connection in the profile.');
  const mode = TlsMode.safeParse((fromUri.tlsMode ?? params.sslmode) === 'allow' ? 'prefer' : (fromUri.tlsMode ?? params.sslmode ?? 'prefer'));
  if (!mode.success) throw new AppError('database-settings-invalid', `${source} has the unknown sslmode "${params.sslmode}".`, `Use one of ${TlsMode.options.join(', ')}.`);
  const caFile = fromUri.caFile ?? params.caFile;
  return {
    host: fromUri.host ?? params.host ?? defaultSocketDir,
    port: fromUri.port ?? params.port ?? 5432,
    database: fromUri.database ?? params.database ?? user,
    user,
    ...((fromUri.password ?? params.password) ? { password: fromUri.password ?? params.password } : {}),
    tls: { mode: mode.data, ...(caFile ? { caFile } : {}) },
  };
}

/** Reads a side's database connection (and, for Synapse, whether the MAS integration is on) with the engine's config loaders. */
export const readConfigDatabase: ConfigDatabaseReader = async (side, files, access) => {
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const options = {
    readText: async (path: string) => texts.get(path) ?? access.readText(path),
    readSecretFile: (path: string) => access.readText(path).catch(() => undefined),
  };
  const paths = files.map((f) => f.path);
  const where = `The ${side === 'synapse' ? 'Synapse' : 'MAS'} config (${paths.join(', ')})`;
  if (side === 'synapse') {
    const cfg = await loadSynapseConfig(paths, options);
    return { ...databaseOf(() => targetFromParams(synapseDatabaseConnection(cfg), where)), masIntegrationEnabled: cfg.model.matrix_authentication_service?.enabled === true };
  }
  const cfg = await loadMasConfig(paths, options);
  return databaseOf(() => targetFromParams(masDatabaseConnection(cfg), where));
};

/** The database the config names, or why it names none: a config without one is still read for its other facts. */
function databaseOf(read: () => DatabaseTarget): ConfigDatabaseInfo {
  try {
    return { database: read() };
  } catch (error) {
    if (error instanceof AppError) return { databaseProblem: error };
    throw error;
  }
}
