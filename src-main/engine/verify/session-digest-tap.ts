import type { ColumnMap } from '../../connect/postgres/column-map';
import { CopyRow } from '../../connect/postgres/copy-binary';
import { HeldKey } from '../../connect/postgres/held-key';
import type { SynapseSnapshot } from '../synapse/synapse-snapshot';
import { tuneForWholeTables } from './compare-tables';
import { RecordHashSum } from './record-hash-sum';
import { sessionFlags, sessionValues, userAdmin } from './session-columns';
import { HashedRow } from './hashed-row';
import { serverSuffixLiteral } from './session-digests';
import { ExpectedSessionGroups, type GroupRows, type SessionGroupRows } from './session-side';
import type { SynapseDigests } from './synapse-digests';
import { sessionTables } from './table-layouts';

/** The user merge's streams the tap sees, by their names there. */
type Stream = 'users' | 'devices' | 'tokens' | 'refresh';
const streams: readonly Stream[] = ['users', 'devices', 'tokens', 'refresh'];

/**
 * The verifier's own SQL for each value the rules read and each condition
 * (session-columns.ts) in each stream, none of the migration's decisions.
 * `S`: SQL literal of `:server_name`.
 */
const ownSql = (S: string) => ({
  users: { name: 'u.name', sessions: sessionFlags.userGetsSessions('u', S), admin: userAdmin('u') },
  devices: { ...sessionValues.device('d'), kept: sessionFlags.deviceKept('d') },
  tokens: { ...sessionValues.token('a'), own: sessionFlags.tokenOwn('a') },
  refresh: sessionValues.refresh('r'),
});
type OwnSql = ReturnType<typeof ownSql>;

/**
 * Where each of a stream's values is read (`at`), and the columns the tap
 * adds (`added`): a value whose SQL is exactly that of one of the stream's
 * own columns (`stream`) is read there, being the same value of the same
 * row (only the reading is shared); any other from a column of its own,
 * after the stream's. Reading each Synapse value once halved what the tap
 * adds to PostgreSQL's work while the entity stages run (measured).
 */
function placed<N extends string>(own: { readonly [K in N]: string }, stream: readonly string[]): { at: ColumnMap<N>; added: string } {
  const added: string[] = [];
  const at = Object.fromEntries(
    (Object.keys(own) as N[]).map((name) => {
      const shared = stream.indexOf(own[name]);
      if (shared >= 0) return [name, shared];
      added.push(own[name]);
      return [name, stream.length + added.length - 1];
    }),
  ) as ColumnMap<N>;
  return { at, added: added.join(', ') };
}

/** Above this many rows a group's are parsed each time they are read, so memory stays small whatever a device holds. */
const maxParsed = 1024;

/** A group's rows parsed once, so the checks and the rules read each without parsing it again. */
class ParsedRows implements GroupRows {
  readonly #rows: CopyRow[] = [];
  count = 0;

  /** `rows` parsed, or as they are when there are too many. */
  of(rows: GroupRows): GroupRows {
    if (rows.count > maxParsed) return rows;
    for (let k = this.#rows.length; k < rows.count; k++) this.#rows.push(new CopyRow());
    for (let k = 0; k < rows.count; k++) rows.read(k, this.#rows[k]!);
    this.count = rows.count;
    return this;
  }

  read(k: number): CopyRow {
    return this.#rows[k]!;
  }
}

/** Field `i` of `row` against a held key, greater than nothing held. */
const after = (row: CopyRow, i: number, key: HeldKey) => (key.held ? key.compare(row, i) : 1);

/**
 * `migrate --verify` (SPEC §10): Synapse's half of the session side's
 * digests (session-digests.ts), worked out by the verifier's rules
 * (session-side.ts) from the rows the migration's user merge reads anyway,
 * as they go by (mapping/user-merge-tap.ts), so Synapse's devices and
 * tokens are neither read again nor sorted. Only the reading is shared:
 * each value and condition is the verifier's own SQL (read from the
 * stream's column when the migration reads the very same SQL), and the
 * tap checks what it relies on of the merge: users in order, each before
 * its groups; groups in order of user then device, every row of a group
 * its key's; and, at the run's snapshot, as many rows of each table as it
 * saw. Should any check fail, no digest is given, and the comparison goes
 * row by row from Synapse's own sorted source.
 */
export class SessionDigestTap {
  readonly columns: Record<Stream, string>;
  readonly #at: { [S in Stream]: ColumnMap<Extract<keyof OwnSql[S], string>> };
  readonly #rules: ExpectedSessionGroups;
  readonly #sums = sessionTables.map(() => new RecordHashSum());
  readonly #out: HashedRow;
  /** Filled for each group the merge hands on. */
  readonly #group = {} as SessionGroupRows;
  readonly #tokens = new ParsedRows();
  readonly #refresh = new ParsedRows();
  readonly #first = new CopyRow();
  readonly #row = new CopyRow();
  readonly #seen: Record<Stream, number> = { users: 0, devices: 0, tokens: 0, refresh: 0 };
  /** The last users row's name; the last group's user and device. */
  readonly #listed = new HeldKey();
  readonly #user = new HeldKey();
  readonly #device = new HeldKey();
  /** Whether the rules hold the last users row's facts (else: no user's, the group's user has no row). */
  #facts = false;
  #trusted = true;

  /**
   * `start`: the migration start in microseconds; `streams`: each stream's
   * own columns as SQL (streamSql, with `:server_name`'s literal).
   */
  constructor(start: string, serverName: string, streams: Record<Stream, readonly string[]>) {
    const own = ownSql(serverSuffixLiteral(serverName));
    const users = placed(own.users, streams.users);
    const devices = placed(own.devices, streams.devices);
    const tokens = placed(own.tokens, streams.tokens);
    const refresh = placed(own.refresh, streams.refresh);
    this.columns = { users: users.added, devices: devices.added, tokens: tokens.added, refresh: refresh.added };
    this.#at = { users: users.at, devices: devices.at, tokens: tokens.at, refresh: refresh.at };
    const at = this.#at;
    this.#rules = new ExpectedSessionGroups({ user: at.users, device: at.devices, token: at.tokens, refresh: at.refresh });
    this.#out = new HashedRow(this.#sums, start, serverName);
  }

  // Whatever goes wrong here must not fail the run: the comparison then goes row by row, and says what it finds.
  user(row: CopyRow): void {
    if (!this.#trusted) return;
    try {
      this.#takeUser(row);
    } catch {
      this.#trusted = false;
    }
  }

  group(device: CopyRow | undefined, tokens: GroupRows, refresh: GroupRows): void {
    if (!this.#trusted) return;
    try {
      this.#takeGroup(device, tokens, refresh);
    } catch {
      this.#trusted = false;
    }
  }

  #takeUser(row: CopyRow): void {
    this.#seen.users++;
    const { name } = this.#at.users;
    if (after(row, name, this.#listed) <= 0 || after(row, name, this.#user) <= 0) this.#trusted = false;
    this.#listed.hold(row, name);
    this.#rules.user(row);
    this.#facts = true;
  }

  #takeGroup(device: CopyRow | undefined, heldTokens: GroupRows, heldRefresh: GroupRows): void {
    const at = this.#at;
    const tokens = this.#tokens.of(heldTokens);
    const refresh = this.#refresh.of(heldRefresh);
    this.#seen.devices += device ? 1 : 0;
    this.#seen.tokens += tokens.count;
    this.#seen.refresh += refresh.count;
    // The group's key is its first row's: the device's, else its first token's or refresh token's.
    const key = device ? at.devices : tokens.count > 0 ? at.tokens : at.refresh;
    const first = device ?? (tokens.count > 0 ? tokens : refresh).read(0, this.#first);
    const user = after(first, key.userId, this.#user);
    if (user < 0 || (user === 0 && this.#device.compare(first, key.deviceId) <= 0)) this.#trusted = false;
    this.#user.hold(first, key.userId);
    this.#device.hold(first, key.deviceId);
    if (!this.#sameKey(tokens, at.tokens) || !this.#sameKey(refresh, at.refresh)) this.#trusted = false;
    const listed = after(first, key.userId, this.#listed);
    if (listed < 0) this.#trusted = false;
    else if (listed > 0 && this.#facts) {
      this.#rules.user(undefined);
      this.#facts = false;
    }
    const group = this.#group;
    group.device = device;
    group.deviceless = first.isNull(key.deviceId);
    group.tokens = tokens;
    group.refresh = refresh;
    this.#rules.group(group, this.#out);
  }

  /** Every row has the group's user and device. */
  #sameKey(rows: GroupRows, key: { userId: number; deviceId: number }): boolean {
    for (let k = 0; k < rows.count; k++) {
      const row = rows.read(k, this.#row);
      if (this.#user.compare(row, key.userId) !== 0 || this.#device.compare(row, key.deviceId) !== 0) return false;
    }
    return true;
  }

  /**
   * Each session table's digest once `read` (the merge's reading) has
   * ended, if every check held; undefined otherwise, or if it failed.
   */
  digestsAfter(read: Promise<unknown>, snapshot: SynapseSnapshot): SynapseDigests {
    const counted = synapseCounts(snapshot);
    const digests = Promise.all([read, counted]).then(
      ([, counts]) =>
        this.#trusted && counts && streams.every((s) => counts[s] === this.#seen[s]) ? this.#sums.map((sum) => sum.digest()) : undefined,
      () => undefined,
    );
    return new Map(sessionTables.map((table, part) => [table, digests.then((all) => all?.[part])]));
  }
}

/** How many rows each table the tap sees holds, at the run's snapshot; undefined if they could not be counted. */
async function synapseCounts(snapshot: SynapseSnapshot): Promise<Record<Stream, number> | undefined> {
  const synapse = await snapshot.openReader().catch(() => undefined);
  if (!synapse) return undefined;
  let clean = false;
  try {
    // No parallel workers: the entity stages keep both cores busy meanwhile, so workers would only add CPU.
    await tuneForWholeTables(synapse);
    const { rows } = await synapse.query<Record<Stream, string>>(
      `SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM devices) AS devices,
        (SELECT count(*) FROM access_tokens) AS tokens, (SELECT count(*) FROM refresh_tokens) AS refresh`,
    );
    clean = true;
    const counts = rows[0]!;
    return { users: Number(counts.users), devices: Number(counts.devices), tokens: Number(counts.tokens), refresh: Number(counts.refresh) };
  } catch {
    return undefined;
  } finally {
    await snapshot.closeReader(synapse, clean);
  }
}
