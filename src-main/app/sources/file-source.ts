import { AppError } from '../../../src-shared/errors';
import { localFiles } from '../../connect/files/local-files';
import { loadMasConfig } from '../../engine/config/mas/mas-config';
import { defaultMasConfigPaths } from '../../engine/config/mas/mas-config-paths';
import { loadSynapseConfig } from '../../engine/config/synapse/synapse-config';
import { migrationSettingsFromConfigs } from '../../engine/run/migration-settings-from-configs';
import { configDatabases } from './config-databases';
import type { MigrationSource } from './migration-source';

/** What `syn2mas check|migrate|verify` and `config generate` are given on the command line (SPEC §8). */
export interface FileSourceOptions {
  synapseConfig: readonly string[];
  /** Empty for commands that need only Synapse's config; absent: as mas-cli finds it (SPEC §1.3: MAS_CONFIG, else config.yaml). */
  masConfig?: readonly string[];
  /** The working directory, for relative paths and mas-cli's default config.yaml. */
  cwd: string;
  /** A libpq URI that replaces Synapse's `database` section. */
  synapseDatabaseUri?: string;
  ignoreMissingAuthProviders: boolean;
  /** The environment libpq would see (PG* variables, PGPASSFILE). */
  env: NodeJS.ProcessEnv;
}

/** Config files on this computer as a source; databases as the configs (or the URI) name them. */
export async function openFileSource(options: FileSourceOptions): Promise<MigrationSource> {
  // One after the other, so a problem in both is always reported for the Synapse config first.
  const masConfig = options.masConfig ?? defaultMasConfigPaths(options.env, options.cwd);
  const synapse = await loadSynapseConfig(options.synapseConfig);
  const mas = masConfig.length > 0 ? await loadMasConfig(masConfig) : undefined;
  return {
    label: [...options.synapseConfig, ...masConfig].join(', '),
    synapse,
    mas,
    masPaths: masConfig,
    synapseFiles: localFiles,
    masFiles: localFiles,
    ignoreMissingAuthProviders: options.ignoreMissingAuthProviders,
    synapseDatabaseOverridden: options.synapseDatabaseUri !== undefined,
    migrationSettings: async () => {
      if (!mas) throw new AppError('mas-config-missing', 'No MAS config was given.', 'Give the MAS config with --config FILE.');
      return migrationSettingsFromConfigs(synapse, mas, {
        ignoreMissingAuthProviders: options.ignoreMissingAuthProviders,
        databases: await configDatabases(synapse, mas, options),
      });
    },
    record: async () => {},
    close: async () => {},
  };
}
