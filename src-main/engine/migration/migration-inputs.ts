import type { Finding } from '../../../src-shared/domain/finding';
import { checkConfigs } from '../config/config-checks';
import { loadMasConfig } from '../config/mas-config';
import { loadSynapseConfig } from '../config/synapse-config';
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

/** Loads both configs (local files), runs the configuration checks, and derives the engine's settings. */
export async function loadMigrationInputs(source: MigrationSource, options: Omit<CommandOptions, 'synapseDatabaseUri' | 'ignoreMissingAuthProviders'>): Promise<MigrationInputs> {
  const syn = await loadSynapseConfig(source.synapseConfig);
  const mas = await loadMasConfig(source.masConfig);
  const settings = await migrationSettingsFromConfigs(syn, mas, {
    ...options,
    ignoreMissingAuthProviders: source.ignoreMissingAuthProviders,
    ...(source.synapseDatabaseUri ? { synapseDatabaseUri: source.synapseDatabaseUri } : {}),
  });
  return { settings, configFindings: checkConfigs(syn, mas) };
}
