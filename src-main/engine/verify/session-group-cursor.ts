import { splitCopyLine, unescapeCopyField } from './copy-text';
import { outOfOrder } from './out-of-order';
import { compareKeys, type Key } from './key-order';
import { masGroupOf } from './session-groups';

/** A row of COPY text fields, still escaped, null for NULL. */
export type Row = (string | null)[];

/** One group of rows (session-groups.ts) of a stream sorted by group, COPY-escaped fields, null for NULL. */
export interface SessionGroup {
  /** The user ID as the stream has it (COPY-escaped). */
  userId: string;
  /** User ID, device ID and own token, decoded, for ordering. */
  key: Key;
  rows: Row[];
}

const decoded = (value: string | null) => (value === null ? null : unescapeCopyField(value));

/**
 * MAS's session rows (masSessionRowsSql) as COPY text, sorted by user ID
 * (the first column), then by the device ID and own token masGroupOf finds
 * in a row, one group at a time.
 * Like RowCursor, it refuses a group that sorts before the previous one,
 * and it reads batches by hand (never `for await`), so a comparison that
 * stops half-way can still drain the stream and free its connection.
 */
export class SessionGroupCursor {
  readonly #batches: AsyncIterator<string[]>;
  #batch: string[] = [];
  #next = 0;
  /** The first row of the next group, read ahead. */
  #ahead: (string | null)[] | undefined;
  group: SessionGroup | undefined;
  /** Rows read so far. */
  count = 0;

  constructor(
    batches: AsyncIterable<string[]>,
    readonly describe: string,
  ) {
    this.#batches = batches[Symbol.asyncIterator]();
  }

  /** Moves to the next group; false at the end. */
  async advance(): Promise<boolean> {
    const first = this.#ahead ?? ((await this.#filled()) ? this.#take() : undefined);
    this.#ahead = undefined;
    if (!first) {
      this.group = undefined;
      return false;
    }
    const userId = first[0]!;
    const [device, own] = masGroupOf(first);
    const key = [unescapeCopyField(userId), decoded(device), decoded(own)];
    if (this.group && compareKeys(key, this.group.key) <= 0) throw outOfOrder(this.describe, this.count);
    const rows = [first];
    // Awaits only between batches, not once a row.
    while (this.#next < this.#batch.length || (await this.#filled())) {
      const row = this.#take();
      const [rowDevice, rowOwn] = masGroupOf(row);
      if (row[0] !== userId || rowDevice !== device || rowOwn !== own) {
        this.#ahead = row;
        break;
      }
      rows.push(row);
    }
    this.group = { userId, key, rows };
    return true;
  }

  /** Whether a row is ready to take, reading the next batch when needed. */
  async #filled(): Promise<boolean> {
    while (this.#next >= this.#batch.length) {
      const result = await this.#batches.next();
      if (result.done) return false;
      this.#batch = result.value;
      this.#next = 0;
    }
    return true;
  }

  #take(): (string | null)[] {
    this.count++;
    return splitCopyLine(this.#batch[this.#next++]!);
  }

  /** Reads what is left, so the connection is free again after a comparison stopped half-way. */
  async drain(): Promise<void> {
    for (let r = await this.#batches.next(); !r.done; r = await this.#batches.next()) {}
    this.group = undefined;
  }
}
