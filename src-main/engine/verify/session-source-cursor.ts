import { CopyRow, compareBytes, TupleStore } from '../../connect/postgres/copy-binary';
import type { CopyOut } from '../../connect/postgres/copy-out';
import type { Key } from './key-order';
import { outOfOrder } from './out-of-order';
import type { SessionRowOut } from './session-row';
import type { ExpectedSessionGroups, GroupRows, SessionGroupRows } from './session-side';
import { sessionSourceColumns as c } from './session-source';

/** Column `i` of two rows, NULL first (as the source sorts; compareBytes alone puts it last). */
function compareField(a: CopyRow, b: CopyRow, i: number): number {
  const n = a.length[i]!;
  const m = b.length[i]!;
  if (n < 0 || m < 0) return n < 0 ? (m < 0 ? 0 : -1) : 1;
  return compareBytes(a.buf, a.start[i]!, n, b.buf, b.start[i]!, m);
}

/** The group order of two source rows (session-groups.ts): user ID, device ID, then a device-less row's token. */
function compareGroups(a: CopyRow, b: CopyRow): number {
  const user = compareField(a, b, c.userId);
  if (user !== 0) return user;
  const device = compareField(a, b, c.deviceId);
  if (device !== 0 || !a.isNull(c.deviceId)) return device;
  return compareField(a, b, c.token);
}

/** Rows `from` to `to` (excluded) of a group. */
class Slice implements GroupRows {
  from = 0;
  to = 0;

  constructor(readonly rows: () => TupleStore) {}

  get count(): number {
    return this.to - this.from;
  }

  read(k: number, into: CopyRow): CopyRow {
    return this.rows().read(this.from + k, into);
  }
}

/**
 * Synapse's session source (sessionSourceSql) as binary COPY, one group
 * (session-groups.ts) at a time, its rows kept as they arrived (no string
 * made) until the next group. Like SessionGroupCursor, it refuses a group
 * that sorts before the previous one, and reads batches by hand, so a
 * comparison that stops half-way can still drain the COPY and free its
 * connection.
 */
export class SessionSourceCursor {
  #rows = new TupleStore();
  /** The next group's first row, read ahead. */
  #ahead = new TupleStore();
  #aheadNewUser = true;
  /** The group's first row, which holds its key. */
  readonly first = new CopyRow();
  readonly #row = new CopyRow();
  /** Whether the group's user is not the previous group's. */
  newUser = true;
  /** Rows read so far. */
  count = 0;
  /** The group as the rules take it. */
  readonly #group: SessionGroupRows = {
    device: undefined,
    deviceless: false,
    tokens: new Slice(() => this.#rows),
    refresh: new Slice(() => this.#rows),
  };

  constructor(
    readonly copy: CopyOut,
    readonly describe: string,
  ) {}

  /** The group's rows: between 0 and `size` - 1, in the source's order (part by part). */
  get size(): number {
    return this.#rows.count;
  }

  /** Row `k` of the group, read into `into` (by default one row, valid until the next call). */
  row(k: number, into = this.#row): CopyRow {
    return this.#rows.read(k, into);
  }

  /** User ID, device ID and own token, decoded, for ordering against MAS's groups. */
  key(): Key {
    const { first } = this;
    return [first.text(c.userId), first.text(c.deviceId), first.isNull(c.deviceId) ? first.text(c.token) : null];
  }

  /**
   * Hands the group to the rules: a new user's own row first (part 0, alone in its group; the user has none when
   * the group is of another part), else the group's rows, which come part by part: its device (1), its tokens (2),
   * its refresh tokens (3).
   */
  handTo(rules: ExpectedSessionGroups, out: SessionRowOut): void {
    const { first } = this;
    const part = first.int2(c.part);
    if (this.newUser) rules.user(part === 0 ? first : undefined);
    if (part === 0) return;
    const group = this.#group;
    const tokens = group.tokens as Slice;
    const refresh = group.refresh as Slice;
    group.device = part === 1 ? first : undefined;
    group.deviceless = first.isNull(c.deviceId);
    tokens.from = part === 1 ? 1 : 0;
    let k = tokens.from;
    while (k < this.size && this.row(k).int2(c.part) === 2) k++;
    tokens.to = refresh.from = k;
    refresh.to = this.size;
    rules.group(group, out);
  }

  /** Moves to the next group; false at the end. */
  async advance(): Promise<boolean> {
    [this.#rows, this.#ahead] = [this.#ahead, this.#rows];
    this.#ahead.clear();
    this.newUser = this.#aheadNewUser;
    if (this.#rows.count === 0) {
      const row = this.copy.next() ? this.copy.row : await this.#wait();
      if (!row) return false;
      this.count++;
      this.#rows.add(row);
      this.newUser = true;
    }
    this.#rows.read(0, this.first);
    for (;;) {
      // Awaits only between batches, not once a row.
      const row = this.copy.next() ? this.copy.row : await this.#wait();
      if (!row) return true;
      this.count++;
      const order = compareGroups(row, this.first);
      if (order === 0) this.#rows.add(row);
      else if (order > 0) {
        this.#aheadNewUser = compareField(row, this.first, c.userId) !== 0;
        this.#ahead.add(row);
        return true;
      } else throw outOfOrder(this.describe, this.count);
    }
  }

  /** The next row once more bytes came, or undefined at the end. */
  async #wait(): Promise<CopyRow | undefined> {
    while (await this.copy.more()) if (this.copy.next()) return this.copy.row;
    return undefined;
  }

  /** Reads what is left, so the connection is free again after a comparison stopped half-way. */
  async drain(): Promise<void> {
    while (this.copy.next() || (await this.copy.more())) {}
    this.#rows.clear();
  }
}
