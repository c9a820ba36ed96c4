import type { Digest } from './table-digest';

/**
 * table-digest's order-free digest (how many texts, and the sums of
 * `hashtextextended(text, 0)` and `hashtextextended(text, 1)`) of texts this
 * process works out, so they compare with a digest PostgreSQL computes of
 * another database's rows without those rows being sent or sorted.
 *
 * `hashtextextended` is Bob Jenkins' lookup3 hash (public domain) as
 * PostgreSQL's hash_bytes_extended runs it: the state starts at
 * 0x9e3779b9 + length + 3923095, a non-zero seed is added (its high half to
 * `a`, its low half to `b`) and mixed in, the bytes are taken twelve at a
 * time as three little-endian words, the last 0 – 11 bytes added byte by
 * byte, and the result is `b` and `c` of the final mix as one 64-bit value.
 * No library gives PostgreSQL's variant, and the sums must agree with it to
 * the bit: text-hash-sum.test.ts holds this one to PostgreSQL's own on all
 * lengths and on multi-byte text. Written out, not in helpers: it runs twice
 * for each of millions of rows.
 */

/** The UTF-8 bytes being hashed (a database in UTF8 hashes these), grown as needed. */
let bytes = Buffer.alloc(4096);
/** The last hash's two halves: `b` signed (the high word), `c` unsigned. */
let high = 0;
let low = 0;

/** hashtextextended of `bytes`' first `length` bytes with a seed below 2^32 (its high half, added to `a`, is 0). */
function hashBytes(length: number, seed: number): void {
  const k = bytes;
  let a = (0x9e3779b9 + length + 3923095) | 0;
  let b = a;
  let c = a;
  let i = 0;
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

/** Below this many texts each partial sum of halves stays an exact double (2^21 · 2^32 = 2^53). */
const flushEvery = 1 << 20;

export class TextHashSum {
  #rows = 0;
  #pending = 0;
  // Per seed: the sum of the signed high halves and of the unsigned low halves since the last flush, and the total.
  #highA = 0;
  #lowA = 0;
  #highB = 0;
  #lowB = 0;
  #a = 0n;
  #b = 0n;

  add(text: string): void {
    // A UTF-8 character takes at most three bytes for each UTF-16 unit.
    if (text.length * 3 > bytes.length) bytes = Buffer.alloc(text.length * 6);
    const length = bytes.write(text, 0, 'utf8');
    hashBytes(length, 0);
    this.#highA += high;
    this.#lowA += low;
    hashBytes(length, 1);
    this.#highB += high;
    this.#lowB += low;
    this.#rows++;
    if (++this.#pending === flushEvery) this.#flush();
  }

  #flush(): void {
    // A 64-bit hash is its signed high word · 2^32 plus its unsigned low word; PostgreSQL sums them as numeric.
    this.#a += BigInt(this.#highA) * 2n ** 32n + BigInt(this.#lowA);
    this.#b += BigInt(this.#highB) * 2n ** 32n + BigInt(this.#lowB);
    this.#highA = this.#lowA = this.#highB = this.#lowB = this.#pending = 0;
  }

  digest(): Digest {
    this.#flush();
    return { rows: String(this.#rows), a: String(this.#a), b: String(this.#b), marked: '0' };
  }
}
