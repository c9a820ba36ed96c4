import type { ConfigDatabaseInfo, ConfigDatabaseReader } from '../../connect/connection-test';
import type { FileAccess } from '../../connect/files/file-access';
import type { DatabaseRoute } from '../../connect/postgres/database-route';
import type { ConfigFileText } from '../../connect/side-connection';
import type { OpenedProfile } from '../../profiles/open-profile';
import type { DatabaseTarget } from '../../connect/postgres/database-target';
import { parseLibpqUri } from '../../connect/postgres/database-target';
import { loadMasConfig, type MasConfig, masDatabaseConnection } from '../../engine/config/mas-config';
import type { PgConnectionParams } from '../../engine/config/pg-connection';
import { type LoadOptions, loadSynapseConfig, type SynapseConfig } from '../../engine/config/synapse-config';
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

/** How the engine's config loaders read a side's files: where they are (this computer or over SFTP), with `*_path` secrets from there too. */
export function configLoadOptions(access: FileAccess, alreadyRead: readonly ConfigFileText[] = []): LoadOptions {
  const texts = new Map(alreadyRead.map((f) => [f.path, f.text]));
  return {
    readText: async (path) => texts.get(path) ?? access.readText(path),
    readSecretFile: (path) => access.readText(path).catch(() => undefined),
  };
}

/** Reads a side's database connection (and, for Synapse, whether the MAS integration is on) with the engine's config loaders. */
export const readConfigDatabase: ConfigDatabaseReader = async (side, files, access) => {
  const options = configLoadOptions(access, files);
  const paths = files.map((f) => f.path);
  const where = `The ${side === 'synapse' ? 'Synapse' : 'MAS'} config (${paths.join(', ')})`;
  if (side === 'synapse') {
    const cfg = await loadSynapseConfig(paths, options);
    return { ...databaseOf(() => targetFromParams(synapseDatabaseConnection(cfg), where)), masIntegrationEnabled: cfg.model.matrix_authentication_service?.enabled === true };
  }
  const cfg = await loadMasConfig(paths, options);
  return databaseOf(() => targetFromParams(masDatabaseConnection(cfg), where));
};

/** Both configs of an opened profile, loaded from where they are. */
export async function loadProfileConfigs(opened: OpenedProfile): Promise<{ synapse: SynapseConfig; mas: MasConfig }> {
  return {
    synapse: await loadSynapseConfig(opened.profile.synapse.configFiles.paths, configLoadOptions(opened.synapse.files)),
    mas: await loadMasConfig(opened.profile.mas.configFiles.paths, configLoadOptions(opened.mas.files)),
  };
}

/**
 * Routes to both databases of an opened profile: the profile's overrides,
 * or what the loaded configs name; through each side's SSH tunnel when it
 * has one. Each route's clientConfig() opens one more connection.
 */
export async function openProfileDatabases(opened: OpenedProfile, configs: { synapse: SynapseConfig; mas: MasConfig }): Promise<{ synapse: DatabaseRoute; mas: DatabaseRoute }> {
  const { synapse: synapseSettings, mas: masSettings } = opened.profile;
  const synapseTarget = synapseSettings.database.source === 'config' ? targetFromParams(synapseDatabaseConnection(configs.synapse), `The Synapse config (${synapseSettings.configFiles.paths.join(', ')})`) : undefined;
  const masTarget = masSettings.database.source === 'config' ? targetFromParams(masDatabaseConnection(configs.mas), `The MAS config (${masSettings.configFiles.paths.join(', ')})`) : undefined;
  const synapse = await opened.synapse.openDatabase(synapseTarget);
  const mas = await opened.mas.openDatabase(masTarget);
  return { synapse, mas };
}

/** The database the config names, or why it names none: a config without one is still read for its other facts. */
function databaseOf(read: () => DatabaseTarget): ConfigDatabaseInfo {
  try {
    return { database: read() };
  } catch (error) {
    if (error instanceof AppError) return { databaseProblem: error };
    throw error;
  }
}
