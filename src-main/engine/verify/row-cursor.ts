import { splitCopyLine, unescapeCopyField } from './copy-text';
import { outOfOrder } from './out-of-order';
import { compareKeys, type Key } from './key-order';

/**
 * One side of a comparison: COPY text rows, one at a time, with their key
 * decoded. It refuses a row whose key sorts before the previous one: the
 * merge would then report nonsense, so a stream that is not in the expected
 * order stops the comparison instead.
 */
export class RowCursor {
  readonly #batches: AsyncIterator<string[]>;
  #batch: string[] = [];
  #next = 0;
  /** The current row (COPY-escaped fields, null for NULL) and its decoded key; undefined at the end. */
  row: (string | null)[] | undefined;
  key: Key = [];
  count = 0;

  constructor(
    batches: AsyncIterable<string[]>,
    readonly keyLength: number,
    readonly describe: string,
  ) {
    this.#batches = batches[Symbol.asyncIterator]();
  }

  /** Moves to the next row; false at the end. */
  async advance(): Promise<boolean> {
    while (this.#next >= this.#batch.length) {
      const result = await this.#batches.next();
      if (result.done) {
        this.row = undefined;
        return false;
      }
      this.#batch = result.value;
      this.#next = 0;
    }
    const row = splitCopyLine(this.#batch[this.#next++]!);
    const key = row.slice(0, this.keyLength).map((v) => (v === null ? null : unescapeCopyField(v)));
    if (this.count > 0 && compareKeys(key, this.key) < 0) {
      throw outOfOrder(this.describe, this.count + 1);
    }
    this.row = row;
    this.key = key;
    this.count++;
    return true;
  }

  /** Reads what is left, so the connection is free again after a comparison stopped half-way. */
  async drain(): Promise<void> {
    for (let r = await this.#batches.next(); !r.done; r = await this.#batches.next()) {}
    this.row = undefined;
  }
}
