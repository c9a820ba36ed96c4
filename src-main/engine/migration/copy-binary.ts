/**
 * PostgreSQL's binary COPY format, read from `COPY … TO STDOUT (FORMAT
 * binary)` and written to `COPY … FROM STDIN (FORMAT binary)`. Each field is
 * its length and its bytes: text arrives unescaped, numbers need no parsing,
 * and the server parses no uuid or timestamp text on the way in. Values move
 * from Synapse to MAS as bytes; a JS string is made only where a value is
 * interpreted.
 */

const signature = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** Signature, flags (0), header extension length (0). */
export const copyHeader = Buffer.concat([signature, Buffer.alloc(8)]);
/** A field count of -1 ends the data. */
export const copyTrailer = Buffer.from([0xff, 0xff]);

const twoTo32 = 4294967296;
/** PostgreSQL timestamps count microseconds from 2000-01-01. */
const pgEpochMs = 946_684_800_000;

/** Copies n bytes: a loop for the shortest values, below the fixed cost of a native copy (measured: about 24 bytes). */
export function copyBytes(from: Buffer, start: number, n: number, to: Uint8Array, at: number): void {
  if (n > 24) {
    from.copy(to, at, start, start + n);
    return;
  }
  for (let k = 0; k < n; k++) to[at + k] = from[start + k]!;
}

/** One tuple of a binary COPY, as a view on the bytes it arrived in: valid only while the callback that got it runs. */
export class CopyRow {
  buf: Buffer = Buffer.alloc(0);
  /** Offset of each field's bytes in `buf`. */
  readonly start = new Int32Array(64);
  /** Each field's length in bytes, -1 for NULL. */
  readonly length = new Int32Array(64);
  fields = 0;
  /** Where the tuple's bytes begin and end in `buf`. */
  begin = 0;
  end = 0;

  isNull(i: number): boolean {
    return this.length[i]! < 0;
  }

  text(i: number): string | null {
    const n = this.length[i]!;
    return n < 0 ? null : this.buf.toString('utf8', this.start[i]!, this.start[i]! + n);
  }

  /** A bigint as a number: exact up to 2^53, which covers every timestamp a ULID or MAS can hold. */
  int8(i: number): number | null {
    if (this.length[i]! < 0) return null;
    const at = this.start[i]!;
    return this.buf.readInt32BE(at) * twoTo32 + this.buf.readUInt32BE(at + 4);
  }

  int2(i: number): number {
    return this.buf.readInt16BE(this.start[i]!);
  }

  bool(i: number): boolean {
    return this.length[i]! > 0 && this.buf[this.start[i]!] !== 0;
  }

  /** Whether text field `i` holds exactly these bytes. */
  equals(i: number, bytes: Buffer): boolean {
    const n = this.length[i]!;
    return n === bytes.length && bytes.compare(this.buf, this.start[i]!, this.start[i]! + n) === 0;
  }
}

/** The end of the COPY's header at buf[pos…end): the offset after it, or minus the offset its bytes need to reach. */
export function readCopyHeader(buf: Buffer, pos: number, end: number): number {
  if (pos + copyHeader.length > end) return -(pos + copyHeader.length);
  if (buf.compare(signature, 0, signature.length, pos, pos + signature.length) !== 0) throw new Error('not a binary COPY stream');
  const after = pos + copyHeader.length + buf.readUInt32BE(pos + signature.length + 4);
  return after > end ? -after : after;
}

/**
 * Reads the tuple at buf[pos…end) into `row`, in place: the offset after it
 * (`row.fields` is -1 for the trailer), or, when its bytes go on past `end`,
 * minus the offset they reach at least (read again from `pos` once there).
 */
export function readTuple(buf: Buffer, pos: number, end: number, row: CopyRow): number {
  if (pos + 2 > end) return -(pos + 2);
  const fields = ((buf[pos]! << 24) >> 16) | buf[pos + 1]!; // int16
  if (fields === -1) {
    row.fields = -1;
    return pos + 2;
  }
  if (fields < 0 || fields > row.start.length) throw new Error(`a COPY row of ${fields} fields`);
  let at = pos + 2;
  for (let i = 0; i < fields; i++) {
    if (at + 4 > end) return -(at + 4 * (fields - i));
    const n = (buf[at]! << 24) | (buf[at + 1]! << 16) | (buf[at + 2]! << 8) | buf[at + 3]!;
    at += 4;
    row.start[i] = at;
    row.length[i] = n;
    if (n > 0) {
      at += n;
      if (at > end) return -(at + 4 * (fields - i - 1));
    }
  }
  row.buf = buf;
  row.fields = fields;
  row.begin = pos;
  row.end = at;
  return at;
}

/**
 * Copies of tuples, read back in place: for rows that must outlive the
 * chunk they arrived in. Its buffer grows to the largest set kept at once
 * and is reused after `clear`.
 */
export class TupleStore {
  #buf = Buffer.allocUnsafe(1 << 14);
  #ends = new Int32Array(64);
  #used = 0;
  count = 0;

  clear(): void {
    this.count = 0;
    this.#used = 0;
  }

  add(row: CopyRow): void {
    const n = row.end - row.begin;
    if (this.#used + n > this.#buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(2 * this.#buf.length, this.#used + n));
      this.#buf.copy(grown, 0, 0, this.#used);
      this.#buf = grown;
    }
    if (this.count === this.#ends.length) {
      const grown = new Int32Array(2 * this.count);
      grown.set(this.#ends);
      this.#ends = grown;
    }
    copyBytes(row.buf, row.begin, n, this.#buf, this.#used);
    this.#used += n;
    this.#ends[this.count++] = this.#used;
  }

  /** Tuple `k` (in the order added), read into `row`. */
  read(k: number, row: CopyRow): CopyRow {
    readTuple(this.#buf, k === 0 ? 0 : this.#ends[k - 1]!, this.#ends[k]!, row);
    return row;
  }
}

/**
 * The rows of one MAS table being written, in binary COPY, in a growing
 * buffer: no object per row or per value. `take` hands the bytes so far to
 * the writer.
 */
export class CopyRows {
  #buf = Buffer.allocUnsafe(1 << 16);
  #pos = 0;
  rows = 0;

  get size(): number {
    return this.#pos;
  }

  /** Starts a tuple of `fields` fields; the caller then writes exactly that many. */
  row(fields: number): void {
    this.#room(2);
    this.#pos = this.#buf.writeInt16BE(fields, this.#pos);
    this.rows++;
  }

  null(): void {
    this.#room(4);
    this.#pos = this.#buf.writeInt32BE(-1, this.#pos);
  }

  bool(value: boolean): void {
    this.#room(5);
    this.#pos = this.#buf.writeInt32BE(1, this.#pos);
    this.#buf[this.#pos++] = value ? 1 : 0;
  }

  int4(value: number): void {
    this.#room(8);
    this.#pos = this.#buf.writeInt32BE(4, this.#pos);
    this.#pos = this.#buf.writeInt32BE(value, this.#pos);
  }

  /** A timestamptz from whole epoch milliseconds: microseconds since 2000 as int64, computed in two exact halves. */
  timestamp(ms: number): void {
    const d = ms - pgEpochMs;
    const dHigh = Math.floor(d / twoTo32);
    const low = (d - dHigh * twoTo32) * 1000; // < 2^42: exact
    const carry = Math.floor(low / twoTo32);
    this.#room(12);
    this.#pos = this.#buf.writeInt32BE(8, this.#pos);
    this.#pos = this.#buf.writeInt32BE(dHigh * 1000 + carry, this.#pos);
    this.#pos = this.#buf.writeUInt32BE(low - carry * twoTo32, this.#pos);
  }

  timestampOrNull(ms: number | null): void {
    if (ms === null) this.null();
    else this.timestamp(ms);
  }

  /** A field of `length` bytes the caller fills in place: returns where they go in `target()`. */
  reserve(length: number): number {
    this.#room(4 + length);
    this.#pos = this.#buf.writeInt32BE(length, this.#pos);
    const at = this.#pos;
    this.#pos += length;
    return at;
  }

  /** The buffer `reserve` offsets point into (it changes when it grows: call `reserve` first). */
  target(): Buffer {
    return this.#buf;
  }

  /** A uuid from its 16 bytes. */
  uuid(bytes: Uint8Array): void {
    const at = this.reserve(16);
    this.#buf.set(bytes, at);
  }

  /** A field of the row being read, as is: text, bytea and every type whose binary form is the same on both sides. */
  copyField(row: CopyRow, i: number): void {
    const n = row.length[i]!;
    if (n < 0) {
      this.null();
      return;
    }
    const at = this.reserve(n); // first: it may grow the buffer
    copyBytes(row.buf, row.start[i]!, n, this.#buf, at);
  }

  text(value: string): void {
    const at = this.reserve(Buffer.byteLength(value));
    this.#buf.write(value, at);
  }

  /** A copy of the bytes written so far (undefined when none), and a fresh start. */
  take(): Buffer | undefined {
    if (this.#pos === 0) return undefined;
    const out = Buffer.from(this.#buf.subarray(0, this.#pos));
    this.#pos = 0;
    return out;
  }

  #room(bytes: number): void {
    if (this.#pos + bytes <= this.#buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#pos + bytes));
    this.#buf.copy(grown, 0, 0, this.#pos);
    this.#buf = grown;
  }
}
