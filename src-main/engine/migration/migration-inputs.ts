import type { Finding } from '../../../src-shared/domain/finding';
import { checkConfigs } from '../config/config-checks';
import { type MasConfig, loadMasConfig } from '../config/mas-config';
import { type SynapseConfig, loadSynapseConfig } from '../config/synapse-config';
import type { MigrationSettings } from './settings';
import { type CommandOptions, migrationSettingsFromConfigs } from './settings-from-configs';

/** What `syn2mas check|migrate` and the migration IPC channels are given (SPEC §8). */
export interface MigrationSource {
  masConfig: readonly string[];
  synapseConfig: readonly string[];
  synapseDatabaseUri?: string;
  ignoreMissingAuthProviders: boolean;
}

export interface MigrationInputs {
  settings: MigrationSettings;
  configFindings: Finding[];
}

type SettingsOptions = Omit<CommandOptions, 'synapseDatabaseUri' | 'ignoreMissingAuthProviders'>;

/** Both configs loaded from local files, and the engine's settings derived from them on demand. */
export interface MigrationConfigs {
  synapse: SynapseConfig;
  mas: MasConfig;
  settings(options: SettingsOptions): Promise<MigrationSettings>;
}

export async function loadMigrationConfigs(source: MigrationSource): Promise<MigrationConfigs> {
  // One after the other, so a problem in both is always reported for the Synapse config first.
  const synapse = await loadSynapseConfig(source.synapseConfig);
  const mas = await loadMasConfig(source.masConfig);
  return {
    synapse,
    mas,
    settings: (options) =>
      migrationSettingsFromConfigs(synapse, mas, {
        ...options,
        ignoreMissingAuthProviders: source.ignoreMissingAuthProviders,
        ...(source.synapseDatabaseUri ? { synapseDatabaseUri: source.synapseDatabaseUri } : {}),
      }),
  };
}

/** Loads both configs (local files), runs the configuration checks, and derives the engine's settings. */
export async function loadMigrationInputs(source: MigrationSource, options: SettingsOptions): Promise<MigrationInputs> {
  const configs = await loadMigrationConfigs(source);
  return { settings: await configs.settings(options), configFindings: checkConfigs(configs.synapse, configs.mas) };
}
