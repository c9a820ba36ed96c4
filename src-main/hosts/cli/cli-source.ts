import { AppError } from '../../../src-shared/errors';
import { openFileSource } from '../../app/sources/file-source';
import { type MigrationSource, withLdapIdAttribute } from '../../app/sources/migration-source';
import { openProfileSource } from '../../app/sources/profile-source';
import { profileByName } from '../../app/sources/profile-by-name';
import { defaultDataDir } from '../data-dir';
import { requireFiles } from './args';
import { passphraseFromEnvironment } from './passphrase';

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

/** SPEC §8, §11: on the commands that read the directory (check, migrate, verify). */
export const directoryOptions = { 'ldap-id-attribute': { type: 'string' } } as const;

export const directoryUsage = `  --ldap-id-attribute ATTR         LDAP (matrix-synapse-ldap3): the attribute Dex gives as the user's ID
                                   (its idAttr, e.g. entryUUID; default: the module's uid attribute)`;

interface SourceValues {
  'ldap-id-attribute'?: string;
  config?: string[];
  'synapse-config'?: string[];
  'synapse-database-uri'?: string;
  'ignore-missing-auth-providers'?: boolean;
  profile?: string;
  'data-dir'?: string;
  'passphrase-file'?: string;
}

/** The source `syn2mas check|migrate` work on: the files and options given, or a stored profile (SPEC §8). */
export async function openCliSource(command: string, values: SourceValues, env: NodeJS.ProcessEnv): Promise<MigrationSource> {
  const source = await openSource(command, values, env);
  const idAttribute = values['ldap-id-attribute'];
  return idAttribute ? withLdapIdAttribute(source, idAttribute) : source;
}

async function openSource(command: string, values: SourceValues, env: NodeJS.ProcessEnv): Promise<MigrationSource> {
  if (values.profile !== undefined) return openCliProfile(command, values.profile, values, env);
  const uri = values['synapse-database-uri'];
  return openFileSource({
    ...(values.config ? { masConfig: values.config } : {}),
    cwd: process.cwd(),
    synapseConfig: requireFiles(command, 'synapse-config', values['synapse-config']),
    ignoreMissingAuthProviders: values['ignore-missing-auth-providers'] === true,
    ...(uri ? { synapseDatabaseUri: uri } : {}),
    env,
  });
}

async function openCliProfile(command: string, name: string, values: SourceValues, env: NodeJS.ProcessEnv): Promise<MigrationSource> {
  const clashing = (['config', 'synapse-config', 'synapse-database-uri'] as const).filter((key) => values[key] !== undefined);
  if (clashing.length) {
    throw new AppError(
      'usage',
      `${command}: --profile cannot be combined with --${clashing.join(', --')}.`,
      'The profile says where the configs and databases are; edit it in the app, or drop --profile.',
    );
  }
  const { store, profileId } = await profileByName(
    name,
    values['data-dir'] ?? defaultDataDir(),
    passphraseFromEnvironment(env, values['passphrase-file']),
  );
  return openProfileSource(store, profileId, { env, ignoreMissingAuthProviders: values['ignore-missing-auth-providers'] === true });
}
