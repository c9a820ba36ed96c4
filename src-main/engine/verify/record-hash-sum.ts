import type { Digest } from './table-digest';

/**
 * table-digest's order-free digest of a session table (recordDigestOf: how
 * many rows, and two sums of a hash of each row's hash_record_extended) of
 * rows this process works out, so they compare with a digest PostgreSQL
 * computes of MAS's rows over their own column types, without those rows
 * being sent, sorted or printed as text.
 *
 * Every hash is Bob Jenkins' lookup3 (public domain) as PostgreSQL's
 * hash_bytes_extended runs it: the state starts at
 * 0x9e3779b9 + length + 3923095, a non-zero seed is added (its high half to
 * `a`, its low half to `b`) and mixed in, the bytes are taken twelve at a
 * time as three little-endian words, the last 0 – 11 bytes added byte by
 * byte, and the result is `b` and `c` of the final mix as one 64-bit value.
 * No library gives PostgreSQL's variant, and the sums must agree with it to
 * the bit: record-hash-sum.test.ts holds every hash here to PostgreSQL's
 * own. Written out, not in helpers: it runs for each value of millions of rows.
 */

/** The UTF-8 bytes being hashed (a database in UTF8 hashes these), grown as needed. */
let bytes = Buffer.alloc(4096);
/** The last hash's two halves: `b` signed (the high word), `c` unsigned. */
let high = 0;
let low = 0;

/**
 * hash_bytes_extended of `length` bytes of `k` from `at` (the hash of text and bytea) with a seed below 2^32 (its
 * high half, added to `a`, is 0). hash_bytes_uint32_extended (the hash of int8, bool and timestamptz) is the same
 * steps on one 32-bit word: these on its four little-endian bytes (hashWord, without a seed).
 */
function hashBytes(k: Buffer, at: number, length: number, seed: number): void {
  let a = (0x9e3779b9 + length + 3923095) | 0;
  let b = a;
  let c = a;
  let i = at;
  let rest = length;
  // A non-zero seed is mixed in first, as a block of its own; then each whole block of twelve bytes.
  for (let seeded = seed === 0; !seeded || rest >= 12; seeded = true) {
    if (!seeded) b = (b + seed) | 0;
    else {
      a = (a + (k[i]! | (k[i + 1]! << 8) | (k[i + 2]! << 16) | (k[i + 3]! << 24))) | 0;
      b = (b + (k[i + 4]! | (k[i + 5]! << 8) | (k[i + 6]! << 16) | (k[i + 7]! << 24))) | 0;
      c = (c + (k[i + 8]! | (k[i + 9]! << 8) | (k[i + 10]! << 16) | (k[i + 11]! << 24))) | 0;
      i += 12;
      rest -= 12;
    }
    a = (a - c) | 0;
    a ^= (c << 4) | (c >>> 28);
    c = (c + b) | 0;
    b = (b - a) | 0;
    b ^= (a << 6) | (a >>> 26);
    a = (a + c) | 0;
    c = (c - b) | 0;
    c ^= (b << 8) | (b >>> 24);
    b = (b + a) | 0;
    a = (a - c) | 0;
    a ^= (c << 16) | (c >>> 16);
    c = (c + b) | 0;
    b = (b - a) | 0;
    b ^= (a << 19) | (a >>> 13);
    a = (a + c) | 0;
    c = (c - b) | 0;
    c ^= (b << 4) | (b >>> 28);
    b = (b + a) | 0;
  }
  // The last 0 – 11 bytes, each at its place in its word.
  if (rest >= 11) c = (c + (k[i + 10]! << 24)) | 0;
  if (rest >= 10) c = (c + (k[i + 9]! << 16)) | 0;
  if (rest >= 9) c = (c + (k[i + 8]! << 8)) | 0;
  if (rest >= 8) b = (b + (k[i + 7]! << 24)) | 0;
  if (rest >= 7) b = (b + (k[i + 6]! << 16)) | 0;
  if (rest >= 6) b = (b + (k[i + 5]! << 8)) | 0;
  if (rest >= 5) b = (b + k[i + 4]!) | 0;
  if (rest >= 4) a = (a + (k[i + 3]! << 24)) | 0;
  if (rest >= 3) a = (a + (k[i + 2]! << 16)) | 0;
  if (rest >= 2) a = (a + (k[i + 1]! << 8)) | 0;
  if (rest >= 1) a = (a + k[i]!) | 0;
  finalMix(a, b, c);
}

/** The state a 4-byte key starts from (no seed). */
const wordStart = (0x9e3779b9 + 4 + 3923095) | 0;

/**
 * hash_bytes_extended of the four little-endian bytes of the 32-bit word
 * `value` with seed 0 (hash_bytes_uint32_extended): a bool's, an int8's or a
 * timestamptz's hash, and rowTerms' first. The steps of hashBytes on those
 * bytes with no block to mix and no bytes to assemble: half the hashes of a
 * row are these.
 */
function hashWord(value: number): void {
  finalMix((wordStart + value) | 0, wordStart, wordStart);
}

/** lookup3's final mix of the state; the hash is its `b` and `c`. */
function finalMix(a: number, b: number, c: number): void {
  c ^= b;
  c = (c - ((b << 14) | (b >>> 18))) | 0;
  a ^= c;
  a = (a - ((c << 11) | (c >>> 21))) | 0;
  b ^= a;
  b = (b - ((a << 25) | (a >>> 7))) | 0;
  c ^= b;
  c = (c - ((b << 16) | (b >>> 16))) | 0;
  a ^= c;
  a = (a - ((c << 4) | (c >>> 28))) | 0;
  b ^= a;
  b = (b - ((a << 14) | (a >>> 18))) | 0;
  c ^= b;
  c = (c - ((b << 24) | (b >>> 8))) | 0;
  high = b;
  low = c >>> 0;
}

/** An inet's bytes as PostgreSQL hashes them (RecordHashSum.inet). */
const inetBytes = Buffer.alloc(18);

/** Below this many rows each partial sum of halves stays an exact double (2^21 · 2^32 = 2^53). */
const flushEvery = 1 << 20;
const twoTo32 = 4294967296;
/** Milliseconds from the Unix epoch to PostgreSQL's (2000-01-01), from which a timestamptz counts. */
const postgresEpochMs = 946684800000;
const word = Buffer.alloc(4);
/** A ULID's first six bytes: its time in milliseconds, big-endian. */
const ulidTime = Buffer.alloc(6);

/**
 * The word hashint8extended hashes of a 64-bit integer given as its signed
 * high and unsigned low halves: the low half, xored with the high one
 * (inverted when negative), so that small values hash as int4 does.
 */
const int8Word = (hi: number, lo: number) => lo ^ (hi >= 0 ? hi : ~hi);

/** Puts a 32-bit word in `word`, little-endian (by hand: a Buffer method call costs more than the hash). */
function setWord(value: number): void {
  word[0] = value & 255;
  word[1] = (value >>> 8) & 255;
  word[2] = (value >>> 16) & 255;
  word[3] = value >>> 24;
}

/**
 * Puts `text`'s UTF-8 bytes in `bytes` and returns how many: an ASCII text
 * (most values: tokens, IDs, times) byte by byte here, which costs less than
 * the call into Buffer's encoder for a short text; any other through it.
 */
function utf8Length(text: string): number {
  const length = text.length;
  // A UTF-8 character takes at most three bytes for each UTF-16 unit.
  if (length * 3 > bytes.length) bytes = Buffer.alloc(length * 6);
  for (let i = 0; i < length; i++) {
    const unit = text.charCodeAt(i);
    if (unit > 127) return bytes.write(text, 0, 'utf8');
    bytes[i] = unit;
  }
  return length;
}

/** A timestamptz as PostgreSQL holds it: microseconds since 2000, as a signed high and an unsigned low half. */
export interface Int8Halves {
  hi: number;
  lo: number;
}

/** The timestamptz of a time given in microseconds since the Unix epoch (decimal digits), exactly. */
export function timestampOfMicros(micros: string): Int8Halves {
  const since = BigInt(micros) - BigInt(postgresEpochMs) * 1000n;
  return { hi: Number(BigInt.asIntN(32, since >> 32n)), lo: Number(BigInt.asUintN(32, since)) };
}

/**
 * An order-free digest (table-digest.ts) of rows this process works out,
 * as recordDigestOf computes one: each row hashed as hash_record_extended
 * hashes a record with seed 0 (each value by its type's extended hash, NULL
 * 0, the row's hash times 31 plus each value's in turn, modulo 2^64), then
 * that hash's high word and its low word hashed as int8 values of 32 bits
 * (rowTerms) with seeds 0 and 1, summed. A row is `beginRow`, one call per
 * value in the columns' order, then `endRow`.
 */
export class RecordHashSum {
  #rows = 0;
  #pending = 0;
  // The row being hashed: hash_record_extended so far, as unsigned halves.
  #rowHigh = 0;
  #rowLow = 0;
  // Per seed: the sum of the rows' signed high halves and of their unsigned low halves since the last flush, and the total.
  #highA = 0;
  #lowA = 0;
  #highB = 0;
  #lowB = 0;
  #a = 0n;
  #b = 0n;

  beginRow(): void {
    this.#rowHigh = this.#rowLow = 0;
  }

  nullValue(): void {
    this.#combine(0, 0);
  }

  /** A text (or bytea) given as its bytes: `length` bytes of `buf` from `at`. */
  bytes(buf: Buffer, at: number, length: number): void {
    this.#hash(buf, at, length);
  }

  /** A text given as a string. */
  text(value: string): void {
    const length = utf8Length(value); // first: it may replace `bytes` with a larger one
    this.#hash(bytes, 0, length);
  }

  /** A bool: it hashes as a char holding 1 or 0. */
  bool(flag: boolean): void {
    this.#hashWord(flag ? 1 : 0);
  }

  /** A timestamptz: it hashes as the int8 of its microseconds since 2000. */
  timestamp(time: Int8Halves): void {
    this.#hashWord(int8Word(time.hi, time.lo));
  }

  /**
   * A timestamptz of whole milliseconds since the Unix epoch (any PostgreSQL
   * takes), its microseconds since 2000 computed in two exact halves.
   */
  timestampMs(ms: number): void {
    const d = ms - postgresEpochMs;
    const dHigh = Math.floor(d / twoTo32);
    const low = (d - dHigh * twoTo32) * 1000; // below 2^42: exact
    const carry = Math.floor(low / twoTo32);
    this.#hashWord(int8Word(dHigh * 1000 + carry, low - carry * twoTo32));
  }

  /** A ULID's time (whole milliseconds below 2^48), as MAS's digest query gives it: the ULID's first six bytes, a bytea. */
  ulidMs(ms: number): void {
    const top = Math.floor(ms / twoTo32);
    ulidTime[0] = top >>> 8;
    ulidTime[1] = top & 255;
    ulidTime[2] = ms >>> 24;
    ulidTime[3] = (ms >>> 16) & 255;
    ulidTime[4] = (ms >>> 8) & 255;
    ulidTime[5] = ms & 255;
    this.#hash(ulidTime, 0, 6);
  }

  /**
   * An inet holding one host's address (4 or 16 bytes, network order), as
   * PostgreSQL keeps it and hashes it: its family (2 for IPv4, 3 for IPv6),
   * its prefix length (all the address's bits), then the address.
   */
  inet(address: ArrayLike<number>): void {
    const v6 = address.length === 16;
    inetBytes[0] = v6 ? 3 : 2;
    inetBytes[1] = v6 ? 128 : 32;
    for (let k = 0; k < address.length; k++) inetBytes[k + 2] = address[k]!;
    this.#hash(inetBytes, 0, address.length + 2);
  }

  /** The same of an IPv4 address given as an unsigned 32-bit number. */
  ipv4(address: number): void {
    inetBytes[0] = 2;
    inetBytes[1] = 32;
    inetBytes.writeUInt32BE(address, 2);
    this.#hash(inetBytes, 0, 6);
  }

  endRow(): void {
    // hashint8extended of `r >> 32` and of `r & 4294967295` hashes each word itself (int8Word folds nothing more in).
    // A 64-bit hash is its signed high word · 2^32 plus its unsigned low word; PostgreSQL sums them as numeric.
    hashWord(this.#rowHigh);
    this.#highA += high;
    this.#lowA += low;
    setWord(this.#rowLow);
    hashBytes(word, 0, 4, 1);
    this.#highB += high;
    this.#lowB += low;
    this.#rows++;
    if (++this.#pending === flushEvery) this.#flush();
  }

  /** Hashes a 32-bit word (seed 0) into the row. */
  #hashWord(value: number): void {
    hashWord(value);
    this.#combine(high >>> 0, low);
  }

  /** Hashes `length` bytes of `k` from `at` (seed 0) into the row. */
  #hash(k: Buffer, at: number, length: number): void {
    hashBytes(k, at, length, 0);
    this.#combine(high >>> 0, low);
  }

  /** The row's hash times 31 plus one value's, modulo 2^64, from unsigned halves. */
  #combine(valueHigh: number, valueLow: number): void {
    const l = this.#rowLow * 31 + valueLow;
    const carry = Math.floor(l / twoTo32);
    this.#rowLow = l >>> 0;
    this.#rowHigh = (this.#rowHigh * 31 + valueHigh + carry) >>> 0;
  }

  #flush(): void {
    this.#a += BigInt(this.#highA) * 2n ** 32n + BigInt(this.#lowA);
    this.#b += BigInt(this.#highB) * 2n ** 32n + BigInt(this.#lowB);
    this.#highA = this.#lowA = this.#highB = this.#lowB = this.#pending = 0;
  }

  digest(): Digest {
    this.#flush();
    return { rows: String(this.#rows), a: String(this.#a), b: String(this.#b), marked: '0' };
  }
}
