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

/** `a` against `b` (byte strings; length -1 is NULL, which sorts last as in PostgreSQL): negative, zero or positive. */
export function compareBytes(a: Uint8Array, aStart: number, aLength: number, b: Uint8Array, bStart: number, bLength: number): number {
  if (aLength < 0 || bLength < 0) return (aLength < 0 ? 1 : 0) - (bLength < 0 ? 1 : 0);
  const shorter = Math.min(aLength, bLength);
  for (let k = 0; k < shorter; k++) {
    const d = a[aStart + k]! - b[bStart + k]!;
    if (d !== 0) return d;
  }
  return aLength - bLength;
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
  /** `buf` is reused for the next cut tuple: keep a copy, not the view (see TupleStore). */
  transient = false;

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
    return int32At(this.buf, at) * twoTo32 + (int32At(this.buf, at + 4) >>> 0);
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

/** The big-endian int32 at buf[at…at + 4). */
export function int32At(buf: Uint8Array, at: number): number {
  return (buf[at]! << 24) | (buf[at + 1]! << 16) | (buf[at + 2]! << 8) | buf[at + 3]!;
}

/** Writes a big-endian int32 (of its low 32 bits) at buf[at…at + 4): the offset after it. */
function putInt32(buf: Uint8Array, at: number, value: number): number {
  buf[at] = value >>> 24;
  buf[at + 1] = value >>> 16;
  buf[at + 2] = value >>> 8;
  buf[at + 3] = value;
  return at + 4;
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
    const n = int32At(buf, at);
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
  row.transient = false;
  return at;
}

/**
 * Tuples kept past the chunk they arrived in, read back in place: a view on
 * the chunk (which nothing overwrites; it lives as long as it is kept), or a
 * copy of a tuple that was completed in a reused buffer. Its arrays grow to
 * the largest set kept at once and are reused after `clear`.
 */
export class TupleStore {
  #copies = Buffer.allocUnsafe(1 << 14);
  #copied = 0;
  #bufs: Buffer[] = [];
  #begins = new Int32Array(64);
  #ends = new Int32Array(64);
  count = 0;

  clear(): void {
    for (let k = 0; k < this.count; k++) this.#bufs[k] = this.#copies; // let go of the chunks
    this.count = 0;
    this.#copied = 0;
  }

  add(row: CopyRow): void {
    const k = this.count++;
    if (k === this.#begins.length) {
      this.#begins = grownInt32(this.#begins);
      this.#ends = grownInt32(this.#ends);
    }
    if (!row.transient) {
      this.#bufs[k] = row.buf;
      this.#begins[k] = row.begin;
      this.#ends[k] = row.end;
      return;
    }
    const n = row.end - row.begin;
    if (this.#copied + n > this.#copies.length) {
      // Earlier copies stay in the old buffer, which their views keep.
      this.#copies = Buffer.allocUnsafe(Math.max(2 * this.#copies.length, n));
      this.#copied = 0;
    }
    row.buf.copy(this.#copies, this.#copied, row.begin, row.end);
    this.#bufs[k] = this.#copies;
    this.#begins[k] = this.#copied;
    this.#ends[k] = this.#copied + n;
    this.#copied += n;
  }

  /** Tuple `k` (in the order added), read into `row`. */
  read(k: number, row: CopyRow): CopyRow {
    readTuple(this.#bufs[k]!, this.#begins[k]!, this.#ends[k]!, row);
    return row;
  }
}

function grownInt32(array: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(2 * array.length);
  bigger.set(array);
  return bigger;
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
    this.#buf[this.#pos] = fields >>> 8;
    this.#buf[this.#pos + 1] = fields;
    this.#pos += 2;
    this.rows++;
  }

  null(): void {
    this.#room(4);
    this.#pos = putInt32(this.#buf, this.#pos, -1);
  }

  bool(value: boolean): void {
    this.#room(5);
    this.#pos = putInt32(this.#buf, this.#pos, 1);
    this.#buf[this.#pos++] = value ? 1 : 0;
  }

  int4(value: number): void {
    this.#room(8);
    this.#pos = putInt32(this.#buf, putInt32(this.#buf, this.#pos, 4), value);
  }

  /** A timestamptz from whole epoch milliseconds: microseconds since 2000 as int64, computed in two exact halves. */
  timestamp(ms: number): void {
    const d = ms - pgEpochMs;
    const dHigh = Math.floor(d / twoTo32);
    const low = (d - dHigh * twoTo32) * 1000; // < 2^42: exact
    const carry = Math.floor(low / twoTo32);
    this.#room(12);
    const buf = this.#buf;
    this.#pos = putInt32(buf, putInt32(buf, putInt32(buf, this.#pos, 8), dHigh * 1000 + carry), low - carry * twoTo32);
  }

  timestampOrNull(ms: number | null): void {
    if (ms === null) this.null();
    else this.timestamp(ms);
  }

  /** A field of `length` bytes the caller fills in place: returns where they go in `target()`. */
  reserve(length: number): number {
    this.#room(4 + length);
    const at = putInt32(this.#buf, this.#pos, length);
    this.#pos = at + length;
    return at;
  }

  /** The buffer `reserve` offsets point into (it changes when it grows: call `reserve` first). */
  target(): Buffer {
    return this.#buf;
  }

  /** A uuid from its 16 bytes. */
  uuid(bytes: Uint8Array): void {
    const at = this.reserve(16);
    const buf = this.#buf;
    for (let k = 0; k < 16; k++) buf[at + k] = bytes[k]!; // cheaper than a native copy of 16 bytes
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

  /** The bytes written so far (undefined when none), and a fresh start in a new buffer: the writer may still hold these. */
  take(): Buffer | undefined {
    if (this.#pos === 0) return undefined;
    const out = this.#buf.subarray(0, this.#pos);
    // A new buffer (as large: no growing again) costs less than copying the bytes out, about 2 % of the client's CPU.
    this.#buf = Buffer.allocUnsafe(this.#buf.length);
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
