import type { DatabaseRoute } from '../../connect/postgres/database-route';
import { settingsFromUri } from '../../connect/postgres/libpq-settings';
import { openDatabase } from '../../connect/postgres/open-database';
import { type MasConfig, masDatabaseSettings } from '../../engine/config/mas/mas-config';
import type { SynapseConfig } from '../../engine/config/synapse/synapse-config';
import { synapseDatabaseSettings } from '../../engine/config/synapse/synapse-database';

/** Both databases as the configs (or `--synapse-database-uri`) name them, reached from this computer (SPEC §8). */
export async function configDatabases(
  synapse: SynapseConfig,
  mas: MasConfig,
  options: { synapseDatabaseUri?: string; env: NodeJS.ProcessEnv },
): Promise<{ synapse: DatabaseRoute; mas: DatabaseRoute }> {
  const uri = options.synapseDatabaseUri;
  const synapseSettings = uri ? settingsFromUri(uri, 'given as --synapse-database-uri') : synapseDatabaseSettings(synapse);
  return {
    synapse: await openDatabase(synapseSettings, {
      env: options.env,
      where: uri ? '--synapse-database-uri' : `the database section of ${synapse.files.join(', ')}`,
    }),
    mas: await openDatabase(masDatabaseSettings(mas), { env: options.env, where: `the database section of ${mas.files.join(', ')}` }),
  };
}
