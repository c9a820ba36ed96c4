import type pg from 'pg';
import type { DirectoryIndex } from '../directory/directory-links';
import { readModuleDirectory } from '../directory/check-directory';
import { ldapIdpId } from '../directory/mas-ldap-provider';
import { idAttributeOf } from '../directory/module-directory';
import type { MigrationSettings } from './migration-settings';

/**
 * SPEC §11: when Synapse has the LDAP module and a MAS provider has
 * synapse_idp_id: ldap, the run reads the directory once, in pages, while it
 * sets up (its failure stops the run before MAS is touched). Undefined when
 * there is nothing to link.
 */
export function startDirectoryRead(settings: MigrationSettings): Promise<DirectoryIndex> | undefined {
  const { directory } = settings;
  if (!directory || !settings.masProviders.some((p) => p.synapseIdpId === ldapIdpId)) return undefined;
  const reading = readModuleDirectory(directory, { idAttribute: idAttributeOf(directory, settings.ldapIdAttribute), lean: true });
  // Awaited once setting up reaches MAS; a setup that fails first must not leave it unhandled.
  reading.catch(() => {});
  return reading;
}

/**
 * SPEC §11's "exactly one entry" for the entries with several uid values
 * (rare): one query on the run's Synapse snapshot finds which of their
 * localparts are users the run may link (no guests, no application
 * services' users), and an entry carrying two or more of them links none.
 */
export async function markSharedEntries(synapse: pg.Client, index: DirectoryIndex, serverName: string): Promise<void> {
  // An empty localpart is no valid user ID: never migrated, never linked.
  const localparts = index.severalUidLocalparts().filter((l) => l !== '');
  if (localparts.length === 0) return;
  const suffix = `:${serverName}`;
  const { rows } = await synapse.query<{ name: string }>(
    'SELECT name FROM users WHERE name = ANY($1) AND is_guest = 0 AND appservice_id IS NULL',
    [localparts.map((l) => `@${l}${suffix}`)],
  );
  index.markShared(new Set(rows.map((r) => r.name.slice(1, -suffix.length))));
}
