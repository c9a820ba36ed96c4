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
 * final sigma included). A localpart two entries claim is ambiguous; so is an
 * entry that carries the uids of two or more Synapse users (see markShared):
 * SPEC §11 links a user to exactly one entry, and an entry to one user.
 */
export class DirectoryIndex {
  readonly #byLocalpart = new Map<string, { entry: DirectoryEntry; uid: string } | DirectoryEntry[]>();
  /** The entries with several distinct localparts, with them (rare: kept apart so a run can ask Synapse about them at once). */
  readonly #severalUids = new Map<DirectoryEntry, string[]>();
  /** The entries that carry several users' uids, with those users' localparts. */
  readonly #shared = new Map<DirectoryEntry, string[]>();
  #entries = 0;

  add(entry: DirectoryEntry): void {
    this.#entries++;
    // Nearly every entry has one uid value: no set to tell its localparts apart then.
    if (entry.uids.length === 1) {
      this.#claim(entry, entry.uids[0]!, entry.uids[0]!.toLowerCase());
      return;
    }
    const seen = new Set<string>();
    for (const uid of entry.uids) {
      const localpart = uid.toLowerCase();
      if (seen.has(localpart)) continue;
      seen.add(localpart);
      this.#claim(entry, uid, localpart);
    }
    if (seen.size > 1) this.#severalUids.set(entry, [...seen]);
  }

  #claim(entry: DirectoryEntry, uid: string, localpart: string): void {
    const found = this.#byLocalpart.get(localpart);
    if (!found) this.#byLocalpart.set(localpart, { entry, uid });
    else if (Array.isArray(found)) found.push(entry);
    else this.#byLocalpart.set(localpart, [found.entry, entry]);
  }

  get entries(): number {
    return this.#entries;
  }

  /** The localparts of the entries with several uid values: the users to look for before linking (see markShared). */
  severalUidLocalparts(): string[] {
    return [...new Set([...this.#severalUids.values()].flat())];
  }

  /** Whether the entry has several uid values, so that it may carry several users' (see markShared). */
  hasSeveralUids(entry: DirectoryEntry): boolean {
    return this.#severalUids.has(entry);
  }

  /**
   * Marks the entries that carry the uids of two or more of `users` (the
   * localparts of the Synapse users the rule may link: no guests, no
   * application services' users) as ambiguous: none of those users is linked.
   */
  markShared(users: ReadonlySet<string>): void {
    for (const [entry, localparts] of this.#severalUids) {
      const carried = localparts.filter((l) => users.has(l));
      if (carried.length > 1) this.#shared.set(entry, carried);
    }
  }

  /** The users whose uids the entry carries, when it carries several (see markShared). */
  sharedBy(entry: DirectoryEntry): readonly string[] | undefined {
    return this.#shared.get(entry);
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
  /**
   * Users with no one entry, none of them linked: a localpart two or more
   * entries claim (their DNs), or one entry carrying several users' uids
   * (its DN, and those users in `sharedBy`).
   */
  ambiguous: { localpart: string; dns: string[]; sharedBy?: readonly string[] }[];
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
  /** Several entries claim the localpart, or (`sharedBy`) its one entry carries these users' uids. */
  | { kind: 'ambiguous'; entries: DirectoryEntry[]; sharedBy?: readonly string[] }
  | { kind: 'missing-id'; entry: DirectoryEntry }
  | { kind: 'none' }
  /** Guests and application services' users are never linked. */
  | { kind: 'skipped' };

/**
 * SPEC §11's rule for one user (the migration streams users through it):
 * a user (not a guest, not an application service's) whose localpart equals
 * the lowercased uid of exactly one entry, an entry that carries no other
 * user's uid (see DirectoryIndex.markShared), is linked to that entry's ID.
 * In Active Directory mode nobody is linked: the module's localparts are never guessed.
 */
export function matchUser(user: LinkCandidate, index: DirectoryIndex, options: { activeDirectory: boolean }): UserMatch {
  if (user.guest || user.appservice) return { kind: 'skipped' };
  const match = options.activeDirectory ? undefined : index.match(user.localpart);
  if (!match) return { kind: 'none' };
  if (Array.isArray(match)) return { kind: 'ambiguous', entries: match };
  const sharedBy = index.sharedBy(match.entry);
  if (sharedBy) return { kind: 'ambiguous', entries: [match.entry], sharedBy };
  if (match.entry.id === undefined) return { kind: 'missing-id', entry: match.entry };
  return {
    kind: 'link',
    entry: match.entry,
    link: { localpart: user.localpart, subject: match.entry.id, humanAccountName: match.uid, createdAt: user.createdAt },
  };
}

/**
 * The rule applied user after user, keeping what the checks report: who is
 * linked, who cannot log in, who is ambiguous. The users whose entry has
 * several uid values come last, in result(): whether it carries another
 * user's uid is known once every user is seen.
 */
export class LinkTally {
  readonly #index: DirectoryIndex;
  readonly #options: { activeDirectory: boolean };
  readonly #matchedEntries = new Set<DirectoryEntry>();
  readonly #result: DirectoryLinking;
  /** The localparts of the entries with several uid values, and the users who have one: they wait for every user to be seen. */
  readonly #severalUids: ReadonlySet<string>;
  #waiting: LinkCandidate[] = [];

  constructor(index: DirectoryIndex, options: { activeDirectory: boolean }) {
    this.#index = index;
    this.#options = options;
    this.#severalUids = new Set(index.severalUidLocalparts());
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
    // Whether the user's entry carries another user's uid is known once every user is seen (DirectoryIndex.markShared).
    if (this.#severalUids.has(user.localpart) && !user.guest && !user.appservice) this.#waiting.push(user);
    else this.#tally(user);
  }

  #tally(user: LinkCandidate): void {
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
        result.ambiguous.push({
          localpart: user.localpart,
          dns: match.entries.map((e) => e.dn),
          ...(match.sharedBy ? { sharedBy: match.sharedBy } : {}),
        });
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
    const waiting = this.#waiting;
    this.#waiting = [];
    this.#index.markShared(new Set(waiting.map((u) => u.localpart)));
    for (const user of waiting) this.#tally(user);
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
