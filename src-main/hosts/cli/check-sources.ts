import type { Finding } from '../../../src-shared/domain/finding';
import { checkConfigs } from '../../engine/config/config-checks';
import type { MasConfig } from '../../engine/config/mas-config';
import type { SynapseConfig } from '../../engine/config/synapse-config';
import type { MigrationSettings } from '../../engine/migration/settings';
import { databaseCheckSource } from './database-check-source';

/** What `syn2mas check` was given, after loading both configs. */
export interface CheckContext {
  synapse: SynapseConfig;
  mas: MasConfig;
  ignoreMissingAuthProviders: boolean;
  /** The engine's settings (databases from the configs, `--synapse-database-uri` or the profile), for sources that connect. */
  settings(): Promise<MigrationSettings>;
  signal?: AbortSignal;
}

/** One family of checks (configuration, databases, …). New families are added to `checkSources`. */
export interface CheckSource {
  name: string;
  run(ctx: CheckContext): Promise<Finding[]>;
}

export const configCheckSource: CheckSource = {
  name: 'configuration',
  run: async ({ synapse, mas }) => checkConfigs(synapse, mas),
};

/** Every source `syn2mas check` runs, in order. */
export const checkSources: CheckSource[] = [configCheckSource, databaseCheckSource];

/** Runs the sources one after another (later ones may need what earlier ones validated) and gathers their findings. */
export async function collectFindings(sources: readonly CheckSource[], ctx: CheckContext): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const source of sources) findings.push(...(await source.run(ctx)));
  return findings;
}
