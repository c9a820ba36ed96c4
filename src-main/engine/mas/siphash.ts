/**
 * SipHash-2-4 with 128-bit output (Aumasson and Bernstein, "SipHash: a fast
 * short-input PRF"): a keyed hash made for short inputs, about ten times
 * cheaper here than an HMAC object per id. 64-bit lanes are kept as pairs of
 * 32-bit halves in local variables (one function, no state between calls);
 * the input is bytes (the UTF-8 of a Synapse value, as COPY delivered it).
 */

/** A 16-byte key as the four 32-bit little-endian words SipHash reads. */
export function sipKey(key: Uint8Array): Uint32Array {
  if (key.length !== 16) throw new Error('SipHash needs a 16-byte key');
  const view = new DataView(key.buffer, key.byteOffset, 16);
  return Uint32Array.of(view.getUint32(0, true), view.getUint32(4, true), view.getUint32(8, true), view.getUint32(12, true));
}

/** SipHash-2-4-128 of bytes[start, end). Writes the 16 output bytes' four little-endian words to `out`. */
export function sipHash128(key: Uint32Array, bytes: Uint8Array, start: number, end: number, out: Uint32Array): void {
  // "somepseudorandomlygeneratedbytes", with 0xee in v1 for the 128-bit output.
  let v0l = key[0]! ^ 0x70736575;
  let v0h = key[1]! ^ 0x736f6d65;
  let v1l = key[2]! ^ 0x6e646f6d ^ 0xee;
  let v1h = key[3]! ^ 0x646f7261;
  let v2l = key[0]! ^ 0x6e657261;
  let v2h = key[1]! ^ 0x6c796765;
  let v3l = key[2]! ^ 0x79746573;
  let v3h = key[3]! ^ 0x74656462;
  const n = end - start;
  // Phases: each 8-byte block (the last one padded, with the length's low byte on top), then the two finalizations.
  const blocks = (n >>> 3) + 1;
  let mlo = 0;
  let mhi = 0;
  let t: number;
  let l: number;
  for (let phase = 0; phase < blocks + 2; phase++) {
    let rounds = 4;
    if (phase < blocks) {
      const i = start + 8 * phase;
      if (phase < blocks - 1) {
        mlo = (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0;
        mhi = (bytes[i + 4]! | (bytes[i + 5]! << 8) | (bytes[i + 6]! << 16) | (bytes[i + 7]! << 24)) >>> 0;
      } else {
        mlo = 0;
        mhi = (n & 0xff) << 24;
        for (let j = 0; i + j < end; j++) {
          if (j < 4) mlo |= bytes[i + j]! << (8 * j);
          else mhi |= bytes[i + j]! << (8 * (j - 4));
        }
        mlo >>>= 0;
        mhi >>>= 0;
      }
      v3l ^= mlo;
      v3h ^= mhi;
      rounds = 2;
    } else if (phase === blocks) {
      v2l ^= 0xee;
    } else {
      out[0] = v0l ^ v1l ^ v2l ^ v3l;
      out[1] = v0h ^ v1h ^ v2h ^ v3h;
      v1l ^= 0xdd;
    }
    // Sums are taken mod 2^32 with >>> 0; a carry shows as a low half smaller than its (unsigned) first operand.
    // XORed halves may be negative int32s: only their 32 bits matter, and the first operand of each sum is unsigned.
    for (let r = 0; r < rounds; r++) {
      v0l >>>= 0;
      v2l >>>= 0;
      l = (v0l + v1l) >>> 0; // v0 += v1
      v0h = (v0h + v1h + (l < v0l ? 1 : 0)) >>> 0;
      v0l = l;
      t = v1h; // v1 = rotl(v1, 13) ^ v0
      v1h = ((v1h << 13) | (v1l >>> 19)) ^ v0h;
      v1l = ((v1l << 13) | (t >>> 19)) ^ v0l;
      t = v0l; // v0 = rotl(v0, 32)
      v0l = v0h;
      v0h = t;
      l = (v2l + v3l) >>> 0; // v2 += v3
      v2h = (v2h + v3h + (l < v2l ? 1 : 0)) >>> 0;
      v2l = l;
      t = v3h; // v3 = rotl(v3, 16) ^ v2
      v3h = ((v3h << 16) | (v3l >>> 16)) ^ v2h;
      v3l = ((v3l << 16) | (t >>> 16)) ^ v2l;
      l = (v0l + v3l) >>> 0; // v0 += v3
      v0h = (v0h + v3h + (l < v0l ? 1 : 0)) >>> 0;
      v0l = l;
      t = v3h; // v3 = rotl(v3, 21) ^ v0
      v3h = ((v3h << 21) | (v3l >>> 11)) ^ v0h;
      v3l = ((v3l << 21) | (t >>> 11)) ^ v0l;
      l = (v2l + v1l) >>> 0; // v2 += v1
      v2h = (v2h + v1h + (l < v2l ? 1 : 0)) >>> 0;
      v2l = l;
      t = v1h; // v1 = rotl(v1, 17) ^ v2
      v1h = ((v1h << 17) | (v1l >>> 15)) ^ v2h;
      v1l = ((v1l << 17) | (t >>> 15)) ^ v2l;
      t = v2l; // v2 = rotl(v2, 32)
      v2l = v2h;
      v2h = t;
    }
    if (phase < blocks) {
      v0l ^= mlo;
      v0h ^= mhi;
    }
  }
  out[2] = v0l ^ v1l ^ v2l ^ v3l;
  out[3] = v0h ^ v1h ^ v2h ^ v3h;
}
