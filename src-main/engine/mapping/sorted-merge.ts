import type { CopyRow } from '../../connect/postgres/copy-binary';
import { HeldKey } from '../../connect/postgres/held-key';

/** A stream of tuples in key order, read in place (a CopyOut): `row` is valid until the next call to `next()`. */
export interface RowSource {
  readonly row: CopyRow;
  /** Moves `row` to the next tuple; false when the bytes received hold none. */
  next(): boolean;
  /** Waits for bytes: true when `next()` may have tuples again, false once the stream has ended. */
  more(): Promise<boolean>;
}

/** One stream of the merge: `row` is its current tuple until `advance`; `ended` once none is left. */
class Cursor {
  ended = false;
  readonly row: CopyRow;

  constructor(readonly source: RowSource) {
    this.row = source.row;
  }

  /** Moves to the next tuple; a promise only when the bytes received hold none. */
  advance(): Promise<void> | undefined {
    return this.source.next() ? undefined : this.#wait();
  }

  async #wait(): Promise<void> {
    while (await this.source.more()) if (this.source.next()) return;
    this.ended = true;
  }
}

const outOfOrder = () =>
  new Error(
    'The Synapse rows read for the user merge are not in byte order of user and device ID (or a device is listed twice); nothing was committed.',
  );

/** What the merge hands on, in key order; the handler decides (SPEC §5 for the user merge). */
export interface MergeHandler {
  /** The next key is held (`key`); `listed` is its row of the listing stream, or undefined when that has none. */
  startKey(key: HeldKey, listed: CopyRow | undefined): void;
  /** A row of the held key on the `s`th stream keyed by it alone. */
  keyRow(s: number, row: CopyRow): void;
  /** A row of the held group (key, then subkey) on grouped stream `s` (never 0: its row comes with `endGroup`). */
  groupRow(s: number, row: CopyRow): void;
  /** The group ends: `head` is its row of grouped stream 0, the one that lists the subkeys, if it has one. */
  endGroup(head: CopyRow | undefined, subkey: HeldKey): void;
  /** After each group: flushes, progress; a promise only when the merge must wait for it. */
  between(): Promise<void> | undefined;
  /** A row of the listing stream whose key no other stream has (otherwise passed by unseen). */
  listedAlone?(row: CopyRow): void;
}

export interface SortedStreams {
  /** One row per key at most (field `listingKey`), whose facts the key's rows need; keys it alone has are passed by. */
  listing: RowSource;
  listingKey: number;
  /** Streams keyed by field 0 alone, handed on in this order for each key. */
  byKey: readonly RowSource[];
  /** Streams keyed by field 0 then field 1 (a NULL subkey sorts last); stream 0 has one row per group at most. */
  grouped: readonly RowSource[];
}

/** Where a grouped stream's current row stands to the group being merged. */
const [inGroup, laterSubkey, laterKey, ended] = [0, 1, 2, 3];

/**
 * A merge join of streams sorted by the same byte-string keys, in one pass:
 * for each key, the listing stream's row, the rows keyed by it alone, then
 * its groups by subkey. A promise is awaited only where a stream must wait
 * for bytes, and nothing is allocated per row. Every row is compared with
 * the group's key once as it comes up (`#place`), which also checks the
 * order: a row before the group's key, or the same subkey twice on stream
 * 0, stops the merge.
 */
export class SortedMerge {
  readonly #listing: Cursor;
  readonly #listingKey: number;
  readonly #byKey: readonly Cursor[];
  readonly #grouped: readonly Cursor[];
  readonly #where: Int8Array;
  /** Every stream whose rows are keyed (all but the listing). */
  readonly #keyed: readonly Cursor[];
  /** The key and subkey of the group being merged (a spare holds the next one being found). */
  #key = new HeldKey();
  #subkey = new HeldKey();
  #spare = new HeldKey();
  /** The last row of the listing stream passed (order check). */
  readonly #lastListed = new HeldKey();
  /** The listing stream's current row was handed on with its key. */
  #listedHanded = false;

  constructor(
    streams: SortedStreams,
    readonly handler: MergeHandler,
  ) {
    const cursor = (source: RowSource) => new Cursor(source);
    this.#listing = cursor(streams.listing);
    this.#listingKey = streams.listingKey;
    this.#byKey = streams.byKey.map(cursor);
    this.#grouped = streams.grouped.map(cursor);
    this.#where = new Int8Array(this.#grouped.length);
    this.#keyed = [...this.#grouped, ...this.#byKey];
  }

  async run(): Promise<void> {
    const listing = this.#listing;
    const listingKey = this.#listingKey;
    const grouped = this.#grouped;
    const where = this.#where;
    const handler = this.handler;
    await Promise.all([listing, ...this.#keyed].map((c) => c.advance()));
    while (this.#nextKey()) {
      while (!listing.ended && this.#key.compare(listing.row, listingKey) < 0) {
        const p = this.#pastListed();
        if (p) await p;
      }
      const listed = !listing.ended && this.#key.compare(listing.row, listingKey) === 0;
      this.#listedHanded = listed;
      handler.startKey(this.#key, listed ? listing.row : undefined);
      for (let s = 0; s < this.#byKey.length; s++) {
        const c = this.#byKey[s]!;
        while (this.#ofKey(c)) {
          handler.keyRow(s, c.row);
          const p = c.advance();
          if (p) await p;
        }
      }
      this.#subkey.clear();
      for (let s = 0; s < grouped.length; s++) where[s] = this.#place(grouped[s]!);
      while (this.#nextSubkey()) {
        const head = grouped[0]!;
        const hasHead = where[0] === inGroup; // its row stays valid: its stream waits
        for (let s = 1; s < grouped.length; s++) {
          const c = grouped[s]!;
          while (where[s] === inGroup) {
            handler.groupRow(s, c.row);
            const p = c.advance();
            if (p) await p;
            where[s] = this.#place(c);
          }
        }
        handler.endGroup(hasHead ? head.row : undefined, this.#subkey);
        if (hasHead) {
          const p = head.advance();
          if (p) await p;
          where[0] = this.#place(head);
          if (where[0] === inGroup) throw outOfOrder(); // the same subkey twice
        }
        const flushing = handler.between();
        if (flushing) await flushing;
      }
    }
    while (!listing.ended) {
      const p = this.#pastListed();
      if (p) await p;
    }
  }

  /** Where the stream's row stands to the held key and subkey. */
  #place(c: Cursor): number {
    if (c.ended) return ended;
    const row = c.row;
    const byKey = this.#key.compare(row, 0);
    if (byKey !== 0) {
      if (byKey < 0) throw outOfOrder();
      return laterKey;
    }
    if (!this.#subkey.held) return laterSubkey;
    const bySubkey = this.#subkey.compare(row, 1);
    if (bySubkey < 0) throw outOfOrder();
    return bySubkey === 0 ? inGroup : laterSubkey;
  }

  /** Whether a stream keyed by the key alone is at a row of the held key (a row before it stops the merge). */
  #ofKey(c: Cursor): boolean {
    if (c.ended) return false;
    const order = this.#key.compare(c.row, 0);
    if (order < 0) throw outOfOrder();
    return order === 0;
  }

  /** Holds the next key: the smallest on the keyed streams (false when they have all ended). */
  #nextKey(): boolean {
    const next = this.#spare;
    let found = false;
    for (const c of this.#keyed) {
      if (c.ended || (found && next.compare(c.row, 0) >= 0)) continue;
      next.hold(c.row, 0);
      found = true;
    }
    if (!found) return false;
    this.#spare = this.#key;
    this.#key = next;
    return true;
  }

  /** Holds the held key's next subkey, the smallest of its grouped rows' (false when none is left), and marks the rows in its group. */
  #nextSubkey(): boolean {
    const where = this.#where;
    const next = this.#spare;
    let first = -1;
    for (let s = 0; s < where.length; s++) {
      if (where[s] !== laterSubkey) continue;
      const row = this.#grouped[s]!.row;
      const order = first < 0 ? -1 : next.compare(row, 1);
      if (order < 0) {
        next.hold(row, 1);
        for (let t = 0; t < s; t++) if (where[t] === inGroup) where[t] = laterSubkey;
        first = s;
      }
      if (order <= 0) where[s] = inGroup;
    }
    if (first < 0) return false;
    this.#spare = this.#subkey;
    this.#subkey = next;
    return true;
  }

  /** Moves the listing stream past its current row, checking its order; a row handed on alone is followed by `between`. */
  #pastListed(): Promise<unknown> | undefined {
    const listing = this.#listing;
    if (this.#lastListed.held && this.#lastListed.compare(listing.row, this.#listingKey) <= 0) throw outOfOrder();
    this.#lastListed.hold(listing.row, this.#listingKey);
    const alone = !this.#listedHanded && this.handler.listedAlone !== undefined;
    if (alone) this.handler.listedAlone!(listing.row);
    this.#listedHanded = false;
    const advancing = listing.advance();
    const flushing = alone ? this.handler.between() : undefined;
    return flushing && advancing ? Promise.all([advancing, flushing]) : (flushing ?? advancing);
  }
}
