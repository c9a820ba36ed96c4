import { AppError } from '../../src-shared/errors';
import type { MasUpstreamProvider } from '../engine/config/mas/mas-model';
import type { LoginVerdict } from '../engine/login/login-verdict';
import type pg from 'pg';
import type { DatabaseConnector } from '../connect/postgres/pg-helpers';
import { withModuleSession } from '../engine/directory/check-directory';
import { directorySubjectLookup } from '../engine/directory/directory-subject-lookup';
import { ldapIdpId } from '../engine/directory/mas-ldap-provider';
import { idAttributeOf } from '../engine/directory/module-directory';
import { eitherLookup, masSubjectLookup, type SubjectLookup, synapseSubjectLookup } from '../engine/login/subject-links';
import type { MigrationSettings } from '../engine/run/migration-settings';
import { testLoginClientId } from '../../src-shared/domain/test-login-client';
import { ulidToUuid } from '../engine/mas/ulid-ids';
import type { MigrationSource } from './sources/migration-source';
import { testLogin } from './test-login';

/** Where the subject is looked up: chosen from MAS's links unless forced (SPEC §12). */
export type LookupSide = 'auto' | 'before' | 'after';

export interface SourceLoginInput {
  providerId: string;
  /** The public client registered at the provider; the generated Dex config's by default. */
  clientId?: string;
  side?: LookupSide;
  openUrl: (url: string) => void | Promise<void>;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** The MAS provider with this id, or an error naming the ids the MAS config has. */
export function findMasProvider(source: MigrationSource, providerId: string): MasUpstreamProvider {
  if (!source.mas)
    throw new AppError(
      'usage',
      `No MAS config is named for ${source.label}.`,
      'Generate and save the MAS config first: its providers are what a test login proves.',
    );
  const providers = source.mas.model.upstream_oauth2?.providers ?? [];
  const provider = providers.find((p) => p.id === providerId);
  if (provider) return provider;
  throw new AppError(
    'usage',
    `The MAS config (${source.mas.files.join(', ')}) has no upstream provider ${providerId}.`,
    providers.length
      ? `Its providers are: ${providers.map((p) => `${p.id}${p.synapse_idp_id ? ` (${p.synapse_idp_id})` : ''}`).join(', ')}.`
      : 'It has no upstream_oauth2.providers: generate the MAS config from Synapse first.',
  );
}

/**
 * SPEC §12 on a source: the provider found in its MAS config, the login
 * proved through it, the subject looked up in Synapse's links before the
 * migration or in MAS's once MAS holds migrated links for that provider.
 */
export async function testSourceLogin(source: MigrationSource, input: SourceLoginInput): Promise<LoginVerdict> {
  const provider = findMasProvider(source, input.providerId);
  const settings = await source.migrationSettings();
  // Which side is decided before the browser opens (a provider that cannot be looked up fails first), and no
  // database session is held while the admin signs in: a real run refuses to start while Synapse has other sessions.
  const after =
    input.side === 'after' ||
    (input.side !== 'before' && (await connected(settings.masDatabase, (mas) => masHoldsLinks(mas, provider.id))));
  if (!after && !provider.synapse_idp_id)
    throw new AppError(
      'usage',
      `Provider ${provider.id} has no synapse_idp_id, so no Synapse link is migrated to it.`,
      'Set synapse_idp_id to the Synapse provider it takes over, or test after the migration (--after-migration).',
    );
  // A directory that cannot be read is said before the browser opens, not after the admin has signed in.
  if (!after && provider.synapse_idp_id === ldapIdpId && settings.directory) await withModuleSession(settings.directory, async () => {});
  const lookup: SubjectLookup = {
    origin: after ? 'mas' : 'synapse',
    find: (subject) =>
      after
        ? connected(settings.masDatabase, (mas) => masSubjectLookup(mas, provider.id, settings.serverName).find(subject))
        : connected(settings.synapseDatabase, (synapse) => beforeLookup(settings, synapse, provider.synapse_idp_id!).find(subject)),
  };
  return testLogin({
    provider,
    clientId: input.clientId ?? testLoginClientId,
    lookup,
    openUrl: input.openUrl,
    ...(input.signal ? { signal: input.signal } : {}),
    ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}),
  });
}

/** One session on a database for `use`, ended afterwards. */
async function connected<T>(database: DatabaseConnector, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await database.connect('mas-migrator test-login');
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/**
 * Synapse's links of the provider; for the provider with synapse_idp_id:
 * ldap, also the directory's, by SPEC §11's rule, as the run will link them.
 */
function beforeLookup(settings: MigrationSettings, synapse: pg.ClientBase, synapseIdpId: string): SubjectLookup {
  const links = synapseSubjectLookup(synapse, synapseIdpId);
  const { directory } = settings;
  if (synapseIdpId !== ldapIdpId || !directory) return links;
  const idAttribute = idAttributeOf(directory, settings.ldapIdAttribute);
  return eitherLookup(links, directorySubjectLookup({ directory, idAttribute, synapse, serverName: settings.serverName }));
}

/** MAS holds migrated links for the provider (a MAS without its schema yet holds none). */
async function masHoldsLinks(mas: pg.ClientBase, providerId: string): Promise<boolean> {
  const { rows } = await mas.query<{ present: boolean }>("SELECT to_regclass('upstream_oauth_links') IS NOT NULL AS present");
  if (!rows[0]?.present) return false;
  const links = await mas.query('SELECT 1 FROM upstream_oauth_links WHERE upstream_oauth_provider_id = $1 LIMIT 1', [
    ulidToUuid(providerId),
  ]);
  return links.rowCount !== null && links.rowCount > 0;
}
