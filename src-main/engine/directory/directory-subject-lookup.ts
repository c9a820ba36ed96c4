import type pg from 'pg';
import type { DirectoryQuery, DirectorySession } from '../../connect/ldap/open-directory';
import type { SubjectLink, SubjectLookup } from '../login/subject-links';
import { withModuleSession } from './check-directory';
import { DirectoryIndex, type LinkCandidate, matchUser } from './directory-links';
import { type DirectoryEntry, entryOf, subjectQuery, uidsQuery } from './directory-query';
import type { ModuleDirectory } from './module-directory';

export interface DirectoryLookupInput {
  directory: ModuleDirectory;
  /** The attribute Dex gives as the user's ID (the subject). */
  idAttribute: string;
  /** Synapse's database, for the users the entry's uids name. */
  synapse: pg.ClientBase;
  serverName: string;
}

async function entriesOf(session: DirectorySession, query: DirectoryQuery, uidAttribute: string, idAttribute: string) {
  const entries: DirectoryEntry[] = [];
  for await (const page of session.pages(query)) for (const record of page) entries.push(entryOf(record, uidAttribute, idAttribute));
  return entries;
}

const nobody = (reason: string): SubjectLink => ({ userId: null, reason });

/**
 * SPEC §12 for the provider with synapse_idp_id: ldap, before the migration:
 * the entry whose ID attribute is the subject (exactly, as the run takes it),
 * within the module's base and filter, then the Synapse user SPEC §11's rule
 * (directory-links' matchUser, the run's own) links to it. Only that entry
 * and the entries sharing its uids are read, not the whole directory: they
 * are all the rule needs to tell one entry from an ambiguous one.
 */
export function directorySubjectLookup(input: DirectoryLookupInput): SubjectLookup {
  const { directory, idAttribute, synapse, serverName } = input;
  const { syn, module } = directory;
  const { uidAttribute, activeDirectory } = module.settings;
  return {
    origin: 'synapse',
    find: (subject) =>
      withModuleSession(directory, async (session) => {
        const found = (await entriesOf(session, subjectQuery(syn, module, subject, idAttribute), uidAttribute, idAttribute)).filter(
          (e) => e.id === subject,
        );
        if (found.length === 0) return nobody(`no directory entry in ${module.settings.base} has ${idAttribute} "${subject}"`);
        if (found.length > 1) return nobody(`${found.length} directory entries have ${idAttribute} "${subject}": ${dns(found)}`);
        const entry = found[0]!;
        if (activeDirectory)
          return nobody('the module is in Active Directory mode, whose localparts are not guessed: no directory user is linked');
        const index = new DirectoryIndex();
        index.add(entry);
        for (const other of await entriesOf(session, uidsQuery(syn, module, entry.uids, idAttribute), uidAttribute, idAttribute))
          if (other.dn !== entry.dn) index.add(other);
        const users = await candidatesFor(synapse, serverName, [...new Set(entry.uids.map((u) => u.toLowerCase()))]);
        // The run's markShared: the entry carries two or more users' uids.
        index.markShared(new Set(users.filter((u) => !u.guest && !u.appservice).map((u) => u.localpart)));
        const why = new Set<string>();
        for (const user of users) {
          const match = matchUser(user, index, { activeDirectory });
          const id = `@${user.localpart}:${serverName}`;
          if (match.kind === 'link' && match.link.subject === subject) return { userId: id };
          if (match.kind === 'skipped') why.add(`${id} is ${user.guest ? 'a guest' : "an application service's user"}, never linked`);
          else if (match.kind === 'ambiguous')
            why.add(
              match.sharedBy
                ? `the entry ${entry.dn} carries the uids of several Synapse users (${match.sharedBy.join(', ')}), so none is linked`
                : `${id} matches ${match.entries.length} directory entries (${dns(match.entries)}), so none is linked`,
            );
        }
        if (why.size) return nobody([...why].join('; '));
        return nobody(`no Synapse user has the localpart of the entry ${entry.dn} (its ${uidAttribute} lowercased)`);
      }),
  };
}

function dns(entries: readonly DirectoryEntry[]): string {
  return entries.map((e) => e.dn).join(', ');
}

/** Synapse's users with these localparts, as the linking rule sees them (what the lookup needs of them). */
async function candidatesFor(synapse: pg.ClientBase, serverName: string, localparts: string[]): Promise<LinkCandidate[]> {
  const suffix = `:${serverName}`;
  const { rows } = await synapse.query<{ name: string; guest: boolean; appservice: boolean; created: string | null }>(
    `SELECT name, is_guest <> 0 AS guest, appservice_id IS NOT NULL AS appservice, creation_ts AS created
       FROM users WHERE name = ANY($1) ORDER BY name`,
    [localparts.map((l) => `@${l}${suffix}`)],
  );
  return rows.map((r) => ({
    localpart: r.name.slice(1, -suffix.length),
    createdAt: new Date(Number(r.created ?? 0) * 1000),
    guest: r.guest,
    appservice: r.appservice,
    // Only whether a user is stranded depends on these, which the lookup does not report.
    hasPassword: false,
    hasExternalId: false,
  }));
}
