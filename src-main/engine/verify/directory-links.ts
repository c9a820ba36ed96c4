import type pg from 'pg';
import { withModuleSession } from '../directory/check-directory';
import { directoryQuery, entryOf } from '../directory/directory-query';
import { ldapIdpId } from '../directory/mas-ldap-provider';
import { idAttributeOf } from '../directory/module-directory';
import type { MigrationSettings } from '../run/migration-settings';
import type { CompareOptions } from './compare-tables';
import { escapeCopyField, splitCopyLine, streamRows, unescapeCopyField } from './copy-text';
import { migratedUsers, microsOrStart } from './expected-rows';
import { compareCodePoints, compareKeys } from './key-order';
import { providerUuids } from './provider-uuids';

/**
 * SPEC §11 as verify reads it, written apart from the migration's linker
 * (engine/mapping/directory-linker, engine/directory/directory-links) on
 * purpose: only the reading of the directory (connection, query, paging)
 * is shared. The upstream_oauth_links MAS must hold for the directory:
 * one per migrated user that is no guest, whose localpart is the
 * lowercased uid of exactly one entry of the module's base and filter, that
 * entry having the ID attribute and carrying no other such user's uid:
 * subject = that value as returned, human_account_name = the uid value,
 * created at the user's creation.
 */

/** One expected link: its key and its COPY text line, as the upstream_oauth_links comparison streams it. */
interface ExpectedLink {
  subject: string;
  username: string;
  line: string;
}

/** A uid claimed by more than one entry: nobody is linked through it. */
const claimedTwice = null;

/** The entry a localpart names: its ID (undefined when it has none), the uid value, and the entry's localparts when it has several. */
interface ByLocalpart {
  id: string | undefined;
  uid: string;
  localparts: string[] | undefined;
}

/** Lowercased uid → the one entry that has it (null: claimed twice). */
async function entriesByLocalpart(settings: DirectoryVerifySettings): Promise<Map<string, ByLocalpart | null>> {
  const directory = settings.directory!;
  const { syn, module } = directory;
  const idAttribute = idAttributeOf(directory, settings.ldapIdAttribute);
  const byLocalpart = new Map<string, ByLocalpart | null>();
  await withModuleSession(directory, async (session) => {
    for await (const page of session.pages(directoryQuery(syn, module, idAttribute))) {
      for (const record of page) {
        const entry = entryOf(record, module.settings.uidAttribute, idAttribute);
        const mine = new Map<string, string>();
        for (const uid of entry.uids) if (!mine.has(uid.toLowerCase())) mine.set(uid.toLowerCase(), uid);
        const localparts = mine.size > 1 ? [...mine.keys()] : undefined;
        for (const [localpart, uid] of mine)
          byLocalpart.set(localpart, byLocalpart.has(localpart) ? claimedTwice : { id: entry.id, uid, localparts });
      }
    }
  });
  return byLocalpart;
}

export type DirectoryVerifySettings = Pick<MigrationSettings, 'serverName' | 'masProviders' | 'directory' | 'ldapIdAttribute'>;

/**
 * The directory's links, sorted as the comparison streams upstream_oauth_links
 * (provider, subject); undefined when there is nothing to link (no module,
 * no ldap provider). `synapse` is the side's read transaction.
 */
export async function expectedDirectoryLinks(synapse: pg.Client, settings: DirectoryVerifySettings): Promise<ExpectedLink[] | undefined> {
  const provider = providerUuids(settings.masProviders).get(ldapIdpId);
  if (!settings.directory || provider === undefined) return undefined;
  if (settings.directory.module.settings.activeDirectory) return [];
  const entries = await entriesByLocalpart(settings);
  const severalLocalparts = new Set([...entries.values()].flatMap((e) => e?.localparts ?? []));
  const S = synapse.escapeLiteral(`:${settings.serverName}`);
  const links: (ExpectedLink & { localparts: string[] | undefined })[] = [];
  // The users among the localparts of entries with several uid values: an entry carrying two or more links none.
  const carried = new Set<string>();
  const users = `WITH ${migratedUsers(S)} SELECT username, ${microsOrStart('created_ms')} FROM migrated_users WHERE NOT guest`;
  for await (const batch of streamRows(synapse, users)) {
    for (const line of batch) {
      const [escapedUsername, created] = splitCopyLine(line) as [string, string];
      const username = unescapeCopyField(escapedUsername);
      const entry = entries.get(username);
      if (entry === undefined) continue;
      if (severalLocalparts.has(username)) carried.add(username);
      if (entry === claimedTwice || entry.id === undefined) continue;
      const fields = [provider, escapeCopyField(entry.id), escapedUsername, created, escapeCopyField(entry.uid), created];
      links.push({ subject: entry.id, username, line: fields.join('\t'), localparts: entry.localparts });
    }
  }
  const shared = (localparts: string[]) => localparts.filter((l) => carried.has(l)).length > 1;
  return links
    .filter((link) => !link.localparts || !shared(link.localparts))
    .map(({ localparts, ...link }) => link)
    .sort((a, b) => compareCodePoints(a.subject, b.subject));
}

/**
 * The upstream_oauth_links Synapse's user_external_ids give (`rows`, in key
 * order) with the directory's merged in, in key order. A user_external_ids
 * row for ldap with the entry's ID is the same link as the directory's: the
 * migration writes it once, the directory's way.
 */
export async function* withDirectoryLinks(rows: AsyncIterable<string[]>, links: readonly ExpectedLink[]): AsyncGenerator<string[]> {
  let next = 0;
  const keyOf = (link: ExpectedLink) => [link.line.slice(0, link.line.indexOf('\t')), link.subject];
  for await (const batch of rows) {
    const out: string[] = [];
    for (const line of batch) {
      const fields = splitCopyLine(line);
      const key = fields.slice(0, 2).map((v) => (v === null ? null : unescapeCopyField(v)));
      while (next < links.length && compareKeys(keyOf(links[next]!), key) < 0) out.push(links[next++]!.line);
      const same = next < links.length && compareKeys(keyOf(links[next]!), key) === 0;
      if (same && fields[2] !== null && unescapeCopyField(fields[2]!) === links[next]!.username) continue;
      out.push(line);
    }
    if (out.length) yield out;
  }
  if (next < links.length) yield links.slice(next).map((l) => l.line);
}

/** The comparison's hook (CompareOptions.expectedRows) that adds the directory's links to upstream_oauth_links. */
export async function directoryLinksHook(
  synapse: pg.Client,
  settings: DirectoryVerifySettings,
): Promise<Pick<CompareOptions, 'expectedRows'>> {
  const links = await expectedDirectoryLinks(synapse, settings);
  if (!links) return {};
  return { expectedRows: { upstream_oauth_links: (rows) => withDirectoryLinks(rows, links) } };
}
