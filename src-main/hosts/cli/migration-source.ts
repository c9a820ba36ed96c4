import { AppError } from '../../../src-shared/errors';
import type { MasConfig } from '../../engine/config/mas-config';
import { defaultMasConfigPaths } from '../../engine/config/mas-config-paths';
import type { SynapseConfig } from '../../engine/config/synapse-config';
import type { MigrationSettings } from '../../engine/migration/settings';
import { loadMigrationConfigs } from '../../engine/migration/migration-inputs';
import { profileSourceOf } from '../../ipc/sources/profile-source';
import { passphraseFromEnvironment, resolveProfileForCli } from '../../profiles/resolve-for-cli';
import { defaultDataDir } from '../data-dir';
import { requireFiles } from './args';

/** The options of `syn2mas check|migrate` that say where the configs and databases are (SPEC §8, or a stored profile). */
export const sourceOptions = {
  config: { type: 'string', multiple: true },
  'synapse-config': { type: 'string', multiple: true },
  'synapse-database-uri': { type: 'string' },
  'ignore-missing-auth-providers': { type: 'boolean', default: false },
  profile: { type: 'string' },
  'data-dir': { type: 'string' },
  'passphrase-file': { type: 'string' },
} as const;

export const sourceUsage = `  --config FILE                    MAS config (repeat to merge several files, in order; default:
                                   the colon-separated paths in MAS_CONFIG, else ./config.yaml)
  --synapse-config FILE|DIR        Synapse config file or folder of *.yaml files (repeatable, merged in order)
  --synapse-database-uri URI       Synapse database (libpq URI; PG* variables fill the gaps)
  --ignore-missing-auth-providers  unknown providers in Synapse's database are warnings; their links are skipped
  --profile NAME                   use a profile saved by the app instead of the four options above
                                   (configs and databases as the profile says, SSH tunnels included)
  --data-dir DIR                   where the profiles are (default: the app's data folder)
  --passphrase-file FILE           master passphrase for the profile's secrets (or MAS_MIGRATOR_PASSPHRASE)`;

interface SourceValues {
  config?: string[];
  'synapse-config'?: string[];
  'synapse-database-uri'?: string;
  'ignore-missing-auth-providers'?: boolean;
  profile?: string;
  'data-dir'?: string;
  'passphrase-file'?: string;
}

/** Both configs loaded, and the engine's settings once they are needed; `close` ends any SSH session. */
export interface CliSource {
  synapse: SynapseConfig;
  mas: MasConfig;
  ignoreMissingAuthProviders: boolean;
  settings(options: { dryRun: boolean; writers?: number }): Promise<MigrationSettings>;
  close(): Promise<void>;
}

export async function openCliSource(command: string, values: SourceValues, env: NodeJS.ProcessEnv = process.env): Promise<CliSource> {
  if (values.profile !== undefined) return openProfileSource(command, values.profile, values, env);
  const ignoreMissingAuthProviders = values['ignore-missing-auth-providers'] === true;
  const uri = values['synapse-database-uri'];
  const configs = await loadMigrationConfigs({
    masConfig: values.config ?? defaultMasConfigPaths(env, process.cwd()),
    synapseConfig: requireFiles(command, 'synapse-config', values['synapse-config']),
    ignoreMissingAuthProviders,
    ...(uri ? { synapseDatabaseUri: uri } : {}),
  });
  return {
    synapse: configs.synapse,
    mas: configs.mas,
    ignoreMissingAuthProviders,
    settings: (options) => configs.settings({ ...options, env }),
    close: async () => {},
  };
}

async function openProfileSource(command: string, name: string, values: SourceValues, env: NodeJS.ProcessEnv): Promise<CliSource> {
  const clashing = (['config', 'synapse-config', 'synapse-database-uri'] as const).filter((key) => values[key] !== undefined);
  if (clashing.length) {
    throw new AppError(
      'usage',
      `${command}: --profile cannot be combined with --${clashing.join(', --')}.`,
      'The profile says where the configs and databases are; edit it in the app, or drop --profile.',
    );
  }
  const opened = await resolveProfileForCli(
    name,
    values['data-dir'] ?? defaultDataDir(),
    passphraseFromEnvironment(env, values['passphrase-file']),
  );
  try {
    const source = await profileSourceOf(opened);
    const { mas } = source;
    if (!mas)
      throw new AppError(
        'mas-config-missing',
        `Profile "${name}" names no MAS config file.`,
        'Generate and save one in the app, or name the file in the profile.',
      );
    // --ignore-missing-auth-providers on the command line adds to the profile's own choice.
    const ignoreMissingAuthProviders =
      values['ignore-missing-auth-providers'] === true || source.profile.options.ignoreMissingAuthProviders;
    return {
      synapse: source.synapse,
      mas,
      ignoreMissingAuthProviders,
      settings: async (options) => ({ ...(await source.migrationSettings(options)), ignoreMissingAuthProviders }),
      close: () => opened.close(),
    };
  } catch (error) {
    await opened.close();
    throw error;
  }
}
