import { AppError } from '../../../src-shared/errors';
import type { Profile } from '../../../src-shared/domain/profile';
import type { ConfigDatabaseReader } from '../../connect/connection-test';
import type { FileAccess } from '../../connect/files/file-access';
import { openDirectory } from '../../connect/ldap/open-directory';
import type { LibpqSettings } from '../../connect/postgres/libpq-settings';
import type { SideConnection } from '../../connect/side-connection';
import { loadMasConfig, masDatabaseSettings } from '../../engine/config/mas/mas-config';
import { loadSynapseConfig } from '../../engine/config/synapse/synapse-config';
import { synapseDatabaseSettings } from '../../engine/config/synapse/synapse-database';
import type { DirectoryAccess } from '../../engine/directory/module-directory';
import { migrationSettingsFromConfigs } from '../../engine/run/migration-settings-from-configs';
import { type OpenedProfile, type OpenProfileOptions, openProfile } from './open-profile';
import type { ProfileStore } from '../../profiles/profile-store';
import type { MigrationSource } from './migration-source';

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

/** The side's database: as its config says, unless the profile overrides it (then the config's section is not needed). */
function databaseOf(side: SideConnection, fromConfig: () => LibpqSettings) {
  return side.openDatabase(side.settings.database.source === 'config' ? fromConfig() : undefined);
}

export interface ProfileSourceOptions extends OpenProfileOptions {
  /** `--ignore-missing-auth-providers` on the command line: adds to the profile's own choice. */
  ignoreMissingAuthProviders?: boolean;
}

/**
 * A stored profile as a source: both configs read where the profile says
 * they are, both databases reached the way it says (directly or through its
 * SSH tunnels, TLS as configured), and its history kept in the store.
 */
export async function openProfileSource(
  store: ProfileStore,
  profileId: string,
  options: ProfileSourceOptions = {},
): Promise<MigrationSource> {
  const opened = await openProfile(store, profileId, options);
  try {
    const ignoreMissingAuthProviders = opened.profile.options.ignoreMissingAuthProviders || options.ignoreMissingAuthProviders === true;
    return await profileSource(store, opened, ignoreMissingAuthProviders);
  } catch (error) {
    await opened.close();
    throw error;
  }
}

async function profileSource(store: ProfileStore, opened: OpenedProfile, ignoreMissingAuthProviders: boolean): Promise<MigrationSource> {
  const { profile } = opened;
  const synapse = await loadSynapseConfig(profile.synapse.configFiles.paths, readerOf(opened.synapse.files));
  const masPaths = profile.mas.configFiles.paths;
  const mas = masPaths.length > 0 ? await loadMasConfig(masPaths, readerOf(opened.mas.files)).catch(notYetSaved) : undefined;
  return {
    label: `profile "${profile.name}"`,
    synapse,
    mas,
    masPaths,
    synapseFiles: opened.synapse.files,
    masFiles: opened.mas.files,
    ignoreMissingAuthProviders,
    synapseDatabaseOverridden: profile.synapse.database.source !== 'config',
    async migrationSettings() {
      if (!mas) throw missingMasConfig(profile);
      const databases = {
        synapse: await databaseOf(opened.synapse, () => synapseDatabaseSettings(synapse)),
        mas: await databaseOf(opened.mas, () => masDatabaseSettings(mas)),
      };
      const { ldapIdAttribute } = profile.options;
      return migrationSettingsFromConfigs(synapse, mas, {
        writers: profile.options.writerConnections,
        ignoreMissingAuthProviders,
        databases,
        directoryAccess: directoryAccessOf(opened),
        ...(ldapIdAttribute ? { ldapIdAttribute } : {}),
      });
    },
    record: async (entry) => {
      await store.addHistory(profile.id, entry);
    },
    close: () => opened.close(),
  };
}

/**
 * SPEC §11: the module's directory as Synapse's server sees it. Its URIs are written for the server, so with an SSH
 * route the directory is reached through it, and bind_password_file is read where Synapse's config is.
 */
function directoryAccessOf(opened: OpenedProfile): DirectoryAccess {
  const { ssh, files } = opened.synapse;
  return {
    readSecretFile: readerOf(files).readSecretFile,
    where: ssh ? `the Synapse server of profile "${opened.profile.name}"` : 'this computer',
    open: (target) => openDirectory(target, ssh ? { ssh } : {}),
  };
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
      database: synapseDatabaseSettings(synapse),
      masIntegrationEnabled: synapse.model.matrix_authentication_service?.enabled === true,
    };
  }
  return { database: masDatabaseSettings(await loadMasConfig(paths, reader)) };
};
