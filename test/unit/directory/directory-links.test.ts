import { describe, expect, it } from 'vitest';
import { DirectoryIndex, linkDirectoryUsers, matchUser } from '../../../src-main/engine/directory/directory-links';
import type { DirectoryEntry } from '../../../src-main/engine/directory/directory-query';
import { linkCandidate } from '../../fixtures/directory-entries';

const created = linkCandidate('x').createdAt;
const user = linkCandidate;
/** `null`: the entry has no value for the ID attribute. */
const entry = (dn: string, uids: string[], id: string | null = `id-${dn}`): DirectoryEntry => ({ dn, uids, id: id ?? undefined });

function indexOf(...entries: DirectoryEntry[]): DirectoryIndex {
  const index = new DirectoryIndex();
  for (const e of entries) index.add(e);
  return index;
}

const link = (localpart: string, subject: string, humanAccountName: string) => ({
  localpart,
  subject,
  humanAccountName,
  createdAt: created,
});

describe('the linking rule (SPEC §11)', () => {
  it('links a user whose localpart is the lowercased uid of exactly one entry, with the ID and uid as the directory gave them', () => {
    const index = indexOf(entry('uid=Alice', ['Alice'], 'A-1'), entry('uid=ÉMILE', ['ÉMILE'], 'E-2'));
    const result = linkDirectoryUsers([user('alice'), user('émile'), user('Alice')], index, { activeDirectory: false });
    // "Alice" as a localpart is not what the module registers (it lowercases): no entry lowercases to it.
    expect(result.links).toEqual([link('alice', 'A-1', 'Alice'), link('émile', 'E-2', 'ÉMILE')]);
    expect(result.unmatched).toEqual(['Alice']);
  });

  it('links neither of two entries whose uids lowercase alike, and names both', () => {
    const index = indexOf(entry('uid=Bob,ou=a', ['Bob']), entry('uid=bob,ou=b', ['bob']), entry('uid=BOB,ou=c', ['BOB']));
    const result = linkDirectoryUsers([user('bob')], index, { activeDirectory: false });
    expect(result.links).toEqual([]);
    expect(result.ambiguous).toEqual([{ localpart: 'bob', dns: ['uid=Bob,ou=a', 'uid=bob,ou=b', 'uid=BOB,ou=c'] }]);
    expect(result.unmatched).toEqual([]);
    expect(result.entriesWithoutUser).toBe(0);
  });

  it('an entry with two uid values matches either user; two values lowercasing alike in one entry are not ambiguous', () => {
    const index = indexOf(entry('uid=Dave', ['Dave', 'dave.smith', 'DAVE'], 'D-1'));
    expect(linkDirectoryUsers([user('dave.smith')], index, { activeDirectory: false })).toMatchObject({
      links: [link('dave.smith', 'D-1', 'dave.smith')],
      ambiguous: [],
    });
    const again = indexOf(entry('uid=Dave', ['Dave', 'dave.smith', 'DAVE'], 'D-1'));
    expect(linkDirectoryUsers([user('dave')], again, { activeDirectory: false }).links).toEqual([link('dave', 'D-1', 'Dave')]);
  });

  it('an entry carrying the uids of two users links neither (one subject, one user), and names both with the entry', () => {
    const index = indexOf(entry('uid=Dave', ['Dave', 'dave.smith'], 'D-1'), entry('uid=Ann', ['Ann'], 'A-1'));
    const result = linkDirectoryUsers([user('ann'), user('dave'), user('dave.smith')], index, { activeDirectory: false });
    expect(result.links).toEqual([link('ann', 'A-1', 'Ann')]);
    expect(result.ambiguous).toEqual([
      { localpart: 'dave', dns: ['uid=Dave'], sharedBy: ['dave', 'dave.smith'] },
      { localpart: 'dave.smith', dns: ['uid=Dave'], sharedBy: ['dave', 'dave.smith'] },
    ]);
    expect(result).toMatchObject({ unmatched: [], entriesWithoutUser: 0 });
  });

  it('a guest or an application service user does not make an entry shared: the other user is linked', () => {
    const index = indexOf(entry('uid=Dave', ['Dave', 'dave.smith', 'dsmith'], 'D-1'));
    const users = [user('dave', { guest: true }), user('dave.smith'), user('dsmith', { appservice: true })];
    const result = linkDirectoryUsers(users, index, { activeDirectory: false });
    expect(result).toMatchObject({ links: [link('dave.smith', 'D-1', 'dave.smith')], ambiguous: [] });
  });

  it('the run marks shared entries from the users Synapse has among their localparts (asked once, before linking)', () => {
    const dave = entry('uid=Dave', ['Dave', 'dave.smith'], 'D-1');
    const index = indexOf(dave, entry('uid=Ann', ['Ann']), entry('uid=Eve', ['Eve', 'EVE', 'eve.b']));
    expect(index.severalUidLocalparts()).toEqual(['dave', 'dave.smith', 'eve', 'eve.b']);
    index.markShared(new Set(['dave', 'dave.smith', 'eve']));
    expect(index.sharedBy(dave)).toEqual(['dave', 'dave.smith']);
    expect(matchUser(user('dave.smith'), index, { activeDirectory: false })).toEqual({
      kind: 'ambiguous',
      entries: [dave],
      sharedBy: ['dave', 'dave.smith'],
    });
    expect(matchUser(user('eve'), index, { activeDirectory: false })).toMatchObject({ kind: 'link', link: { subject: 'id-uid=Eve' } });
  });

  it("skips guests and application services' users; only users with no password and no external ID are unmatched", () => {
    const index = indexOf(entry('uid=g', ['g']), entry('uid=s', ['s']));
    const users = [
      user('g', { guest: true }),
      user('s', { appservice: true }),
      user('pw', { hasPassword: true }),
      user('ext', { hasExternalId: true }),
      user('stranded'),
    ];
    const result = linkDirectoryUsers(users, index, { activeDirectory: false });
    expect(result).toMatchObject({ links: [], unmatched: ['stranded'], entriesWithoutUser: 2 });
  });

  it('does not link a user whose entry lacks the ID attribute, and reports it', () => {
    const result = linkDirectoryUsers([user('nid')], indexOf(entry('uid=nid', ['nid'], null)), { activeDirectory: false });
    expect(result).toMatchObject({
      links: [],
      missingId: [{ localpart: 'nid', dn: 'uid=nid' }],
      unmatched: ['nid'],
      entriesWithoutUser: 0,
    });
  });

  it('links users who also have a password (they may log in either way)', () => {
    const result = linkDirectoryUsers([user('pat', { hasPassword: true })], indexOf(entry('uid=Pat', ['Pat'], 'P')), {
      activeDirectory: false,
    });
    expect(result.links).toEqual([link('pat', 'P', 'Pat')]);
  });

  it('in Active Directory mode links nobody and reports the users who would need a link (never guess)', () => {
    const index = indexOf(entry('cn=Ann', ['ann'], 'X'));
    const result = linkDirectoryUsers([user('ann'), user('ben', { hasPassword: true })], index, { activeDirectory: true });
    expect(result).toMatchObject({ links: [], unmatched: ['ann'], ambiguous: [], activeDirectory: true });
  });

  it('counts the entries no Synapse user matches', () => {
    const index = indexOf(entry('uid=a', ['a']), entry('uid=b', ['b']), entry('uid=c', ['c']));
    expect(linkDirectoryUsers([user('a')], index, { activeDirectory: false }).entriesWithoutUser).toBe(2);
    expect(index.entries).toBe(3);
  });
});
