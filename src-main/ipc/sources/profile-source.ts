import { AppError } from '../../../src-shared/errors';
import type { Profile } from '../../../src-shared/domain/profile';
import type { ConfigDatabaseReader } from '../../connect/connection-test';
import type { FileAccess } from '../../connect/files/file-access';
import type { SideConnection } from '../../connect/side-connection';
import { type MasConfig, loadMasConfig, masDatabaseConnection } from '../../engine/config/mas-config';
import { type SynapseConfig, loadSynapseConfig } from '../../engine/config/synapse-config';
import { synapseDatabaseConnection } from '../../engine/config/synapse-database';
import type { MigrationSettings } from '../../engine/migration/settings';
import { migrationSettingsFromConfigs } from '../../engine/migration/settings-from-configs';
import { type OpenedProfile, openProfile } from '../../profiles/open-profile';
import type { Services } from '../context';
import { profileRuntimeOf } from '../handlers/profile-runtime-of';
import { databaseTargetFromConfig } from './config-database-target';

/** Config files read through a side's connection: this computer, or the SSH server over SFTP. */
function readerOf(files: FileAccess) {
  return {
    readText: (path: string) => files.readText(path),
    list: (path: string) => files.list(path),
    readSecretFile: async (path: string) =>
      files
        .readText(path)
        .then((text) => text.trim())
        .catch(() => undefined),
  };
}

/**
 * A stored profile, opened: both configs read where the profile says they
 * are, and both databases reached the way the profile says (directly or
 * through its SSH tunnels, TLS as configured).
 */
export interface ProfileSource {
  profile: Profile;
  synapse: SynapseConfig;
  /** Undefined while the profile names no MAS config, or names one not saved yet (before one is generated). */
  mas: MasConfig | undefined;
  synapseFiles: FileAccess;
  masFiles: FileAccess;
  migrationSettings(options: { dryRun: boolean; writers?: number }): Promise<MigrationSettings>;
}

async function databaseOf(side: SideConnection, params: () => Parameters<typeof databaseTargetFromConfig>[0], where: string) {
  const fromConfig = side.settings.database.source === 'config' ? databaseTargetFromConfig(params(), where) : undefined;
  return (await side.openDatabase(fromConfig)).clientConfig();
}

/** Reads an opened profile's configs and prepares its database routes. */
export async function profileSourceOf(opened: OpenedProfile): Promise<ProfileSource> {
  const { profile } = opened;
  const synapse = await loadSynapseConfig(profile.synapse.configFiles.paths, readerOf(opened.synapse.files));
  const masPaths = profile.mas.configFiles.paths;
  const mas = masPaths.length > 0 ? await loadMasConfig(masPaths, readerOf(opened.mas.files)).catch(notYetSaved) : undefined;
  return {
    profile,
    synapse,
    mas,
    synapseFiles: opened.synapse.files,
    masFiles: opened.mas.files,
    async migrationSettings({ dryRun, writers }) {
      if (!mas) throw missingMasConfig(profile);
      const databases = {
        synapse: await databaseOf(opened.synapse, () => synapseDatabaseConnection(synapse), profile.synapse.configFiles.paths.join(', ')),
        mas: await databaseOf(opened.mas, () => masDatabaseConnection(mas), masPaths.join(', ')),
      };
      return migrationSettingsFromConfigs(synapse, mas, {
        dryRun,
        writers: writers ?? profile.options.writerConnections,
        ignoreMissingAuthProviders: profile.options.ignoreMissingAuthProviders,
        databases,
      });
    },
  };
}

/** Opens a stored profile's configs and routes for one operation, and closes its SSH sessions afterwards. */
export async function withProfileSource<T>(services: Services, profileId: string, use: (source: ProfileSource) => Promise<T>): Promise<T> {
  const opened = await openProfile(profileRuntimeOf(services).store, profileId);
  try {
    return await use(await profileSourceOf(opened));
  } finally {
    await opened.close();
  }
}

/** A MAS config the profile names but that does not exist yet is one still to generate and save, not an error. */
function notYetSaved(error: unknown): undefined {
  if (error instanceof AppError && error.code === 'file-missing') return undefined;
  throw error;
}

function missingMasConfig(profile: Profile) {
  const named = profile.mas.configFiles.paths.join(', ');
  return new AppError(
    'mas-config-missing',
    named
      ? `The MAS config ${named} of profile "${profile.name}" does not exist yet.`
      : `Profile "${profile.name}" names no MAS config file.`,
    'Generate one on the Configuration screen and save it, or name an existing file on the Connections screen.',
  );
}

/** For the connection test: the database a side's config files name, and whether Synapse already delegates to MAS. */
export const readConfigDatabase: ConfigDatabaseReader = async (side, files, access) => {
  const texts = new Map(files.map((f) => [f.path, f.text]));
  // The texts were just read; secret files (`*_path`, `password_file`) are read where the configs are.
  const reader = { ...readerOf(access), readText: async (path: string) => texts.get(path) ?? '' };
  const paths = files.map((f) => f.path);
  if (side === 'synapse') {
    const synapse = await loadSynapseConfig(paths, reader);
    return {
      database: databaseTargetFromConfig(synapseDatabaseConnection(synapse), paths.join(', ')),
      masIntegrationEnabled: synapse.model.matrix_authentication_service?.enabled === true,
    };
  }
  const mas = await loadMasConfig(paths, reader);
  return { database: databaseTargetFromConfig(masDatabaseConnection(mas), paths.join(', ')) };
};
