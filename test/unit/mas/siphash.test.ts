import { describe, expect, it } from 'vitest';
import { sipHash128, sipKey } from '../../../src-main/engine/mas/siphash';

const key = sipKey(Uint8Array.from({ length: 16 }, (_, i) => i));
const hex = (words: Uint32Array) => Buffer.from(words.buffer, words.byteOffset, 16).toString('hex');

/** Expected values from OpenSSL 3 (`openssl mac -macopt hexkey:000102…0f -macopt size:16 SIPHASH`). */
describe('SipHash-2-4-128', () => {
  it('matches the reference vectors', () => {
    const out = new Uint32Array(4);
    const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => i);
    for (const [n, digest] of [
      [0, 'a3817f04ba25a8e66df67214c7550293'],
      [7, 'a1f1ebbed8dbc153c0b84aa61ff08239'],
      [64, '1eaf077dc0d4cd3f8cad4d383658a74b'],
    ] as const) {
      sipHash128(key, bytes(n), 0, n, out);
      expect(hex(out), String(n)).toBe(digest);
    }
  });

  it('hashes any range of a buffer, for every tail length', () => {
    // Digests of the UTF-16LE bytes of these texts (OpenSSL, as above).
    const expected: Record<string, string> = {
      '': 'a3817f04ba25a8e66df67214c7550293',
      a: '3835477681c2262f25e57e1218fb0feb',
      ab: 'eedac3aa1b708ce119e5f7968cf674ff',
      abc: '0510e52810478f5b2531174a2ae75c01',
      abcd: '8d366039c4671198eba91471f81d02d2',
      abcde: '1a4a8211015c8740e75d403b32bdcbfc',
      '@alice:example.org': '61b29b10d8277193913d54b84de4e379',
      'ünï€😀x': 'b558f63dfc233d84b39420e68d2d5b2a',
    };
    const out = new Uint32Array(4);
    for (const [text, digest] of Object.entries(expected)) {
      const bytes = Buffer.from(text, 'utf16le');
      sipHash128(key, bytes, 0, bytes.length, out);
      expect(hex(out), text).toBe(digest);
      const padded = Buffer.concat([Buffer.from('xyz'), bytes, Buffer.from('!')]);
      sipHash128(key, padded, 3, 3 + bytes.length, out);
      expect(hex(out), `${text} in a larger buffer`).toBe(digest);
    }
  });
});
