import type { DirectoryEntry } from './directory-query';

/** A Synapse user as the linking rule sees it. */
export interface LinkCandidate {
  localpart: string;
  createdAt: Date;
  guest: boolean;
  /** Registered by an application service (appservice_id set). */
  appservice: boolean;
  /** Has a password hash (can still log in with it after the migration). */
  hasPassword: boolean;
  /** Has a user_external_ids row (can log in through another provider). */
  hasExternalId: boolean;
}

/** One `upstream_oauth_links` row to write (SPEC §11). */
export interface DirectoryLink {
  localpart: string;
  /** The entry's ID attribute exactly as the directory returned it. */
  subject: string;
  /** The uid value the localpart came from. */
  humanAccountName: string;
  createdAt: Date;
}

/**
 * The directory's entries by the localpart the module would give them: the
 * uid value lowercased (Python's str.lower and JavaScript's toLowerCase agree,
 * final sigma included). A localpart two entries claim is ambiguous.
 */
export class DirectoryIndex {
  readonly #byLocalpart = new Map<string, { entry: DirectoryEntry; uid: string } | DirectoryEntry[]>();
  #entries = 0;

  add(entry: DirectoryEntry): void {
    this.#entries++;
    const seen = new Set<string>();
    for (const uid of entry.uids) {
      const localpart = uid.toLowerCase();
      if (seen.has(localpart)) continue;
      seen.add(localpart);
      const found = this.#byLocalpart.get(localpart);
      if (!found) this.#byLocalpart.set(localpart, { entry, uid });
      else if (Array.isArray(found)) found.push(entry);
      else this.#byLocalpart.set(localpart, [found.entry, entry]);
    }
  }

  get entries(): number {
    return this.#entries;
  }

  /** The one entry for a localpart, the entries that make it ambiguous, or none. */
  match(localpart: string): { entry: DirectoryEntry; uid: string } | DirectoryEntry[] | undefined {
    return this.#byLocalpart.get(localpart);
  }
}

export interface DirectoryLinking {
  links: DirectoryLink[];
  /** Users who cannot log in after the migration: no password, no external ID, no (usable) directory entry. */
  unmatched: string[];
  /** Localparts two or more entries claim, with their DNs: none of them is linked. */
  ambiguous: { localpart: string; dns: string[] }[];
  /** Users whose one entry has no value for the ID attribute: not linked. */
  missingId: { localpart: string; dn: string }[];
  /** Entries that no Synapse user matches (they get an account on their first login). */
  entriesWithoutUser: number;
  /** Active Directory mode: nothing linked (the module's localparts are not guessed). */
  activeDirectory: boolean;
}

/** What the rule says for one user. */
export type UserMatch =
  | { kind: 'link'; link: DirectoryLink; entry: DirectoryEntry }
  | { kind: 'ambiguous'; entries: DirectoryEntry[] }
  | { kind: 'missing-id'; entry: DirectoryEntry }
  | { kind: 'none' }
  /** Guests and application services' users are never linked. */
  | { kind: 'skipped' };

/**
 * SPEC §11's rule for one user (the migration streams users through it):
 * a user (not a guest, not an application service's) whose localpart equals
 * the lowercased uid of exactly one entry is linked to that entry's ID. In
 * Active Directory mode nobody is linked: the module's localparts are never guessed.
 */
export function matchUser(user: LinkCandidate, index: DirectoryIndex, options: { activeDirectory: boolean }): UserMatch {
  if (user.guest || user.appservice) return { kind: 'skipped' };
  const match = options.activeDirectory ? undefined : index.match(user.localpart);
  if (!match) return { kind: 'none' };
  if (Array.isArray(match)) return { kind: 'ambiguous', entries: match };
  if (match.entry.id === undefined) return { kind: 'missing-id', entry: match.entry };
  return {
    kind: 'link',
    entry: match.entry,
    link: { localpart: user.localpart, subject: match.entry.id, humanAccountName: match.uid, createdAt: user.createdAt },
  };
}

/** The rule applied user after user, keeping what the checks report: who is linked, who cannot log in, who is ambiguous. */
export class LinkTally {
  readonly #index: DirectoryIndex;
  readonly #options: { activeDirectory: boolean };
  readonly #matchedEntries = new Set<DirectoryEntry>();
  readonly #result: DirectoryLinking;

  constructor(index: DirectoryIndex, options: { activeDirectory: boolean }) {
    this.#index = index;
    this.#options = options;
    this.#result = {
      links: [],
      unmatched: [],
      ambiguous: [],
      missingId: [],
      entriesWithoutUser: 0,
      activeDirectory: options.activeDirectory,
    };
  }

  add(user: LinkCandidate): void {
    const result = this.#result;
    const match = matchUser(user, this.#index, this.#options);
    const stranded = !user.hasPassword && !user.hasExternalId;
    switch (match.kind) {
      case 'link':
        this.#matchedEntries.add(match.entry);
        result.links.push(match.link);
        break;
      case 'ambiguous':
        for (const entry of match.entries) this.#matchedEntries.add(entry);
        result.ambiguous.push({ localpart: user.localpart, dns: match.entries.map((e) => e.dn) });
        break;
      case 'missing-id':
        this.#matchedEntries.add(match.entry);
        result.missingId.push({ localpart: user.localpart, dn: match.entry.dn });
        if (stranded) result.unmatched.push(user.localpart);
        break;
      case 'none':
        if (stranded) result.unmatched.push(user.localpart);
        break;
      case 'skipped':
        break;
    }
  }

  result(): DirectoryLinking {
    return { ...this.#result, entriesWithoutUser: this.#index.entries - this.#matchedEntries.size };
  }
}

/** The rule over every user (see LinkTally for users read as a stream). */
export function linkDirectoryUsers(
  users: Iterable<LinkCandidate>,
  index: DirectoryIndex,
  options: { activeDirectory: boolean },
): DirectoryLinking {
  const tally = new LinkTally(index, options);
  for (const user of users) tally.add(user);
  return tally.result();
}
