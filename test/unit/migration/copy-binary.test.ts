import { describe, expect, it } from 'vitest';
import { CopyRowParser, CopyRows, copyHeader, copyTrailer } from '../../../src-main/engine/migration/copy-binary';

/** A seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Value = string | null;

function stream(rows: Value[][]): Buffer {
  const out = new CopyRows();
  for (const row of rows) {
    out.row(row.length);
    for (const v of row) {
      if (v === null) out.null();
      else out.text(v);
    }
  }
  return Buffer.concat([copyHeader, out.take() ?? Buffer.alloc(0), copyTrailer]);
}

function parse(bytes: Buffer, cuts: number[]): Value[][] {
  const parser = new CopyRowParser();
  const seen: Value[][] = [];
  let from = 0;
  for (const to of [...cuts, bytes.length]) {
    parser.push(bytes.subarray(from, to), (row) => seen.push(Array.from({ length: row.fields }, (_, i) => row.text(i))));
    from = to;
  }
  parser.end();
  return seen;
}

describe('binary COPY', () => {
  it('reads back every tuple written, wherever the chunks are cut', () => {
    const next = random(7);
    const value = (): Value => {
      const r = next();
      if (r < 0.15) return null;
      if (r < 0.2) return '';
      if (r < 0.23) return 'x'.repeat(70_000 + Math.floor(next() * 70_000)); // longer than a chunk
      // Any character text can hold: no NUL, no lone surrogate.
      const char = () => String.fromCodePoint(((cp) => (cp >= 0xd800 && cp <= 0xdfff ? cp + 0x800 : cp))(1 + Math.floor(next() * 0x2ffff)));
      return Array.from({ length: Math.floor(next() * 40) }, char).join('');
    };
    for (let round = 0; round < 20; round++) {
      const rows = Array.from({ length: 1 + Math.floor(next() * 60) }, () => Array.from({ length: 1 + Math.floor(next() * 12) }, value));
      const bytes = stream(rows);
      const cuts = new Set<number>();
      const mean = [1, 7, 300, 65_536][round % 4]!;
      for (let at = Math.floor(next() * mean); at < bytes.length; at += 1 + Math.floor(next() * 2 * mean)) cuts.add(at);
      expect(
        parse(
          bytes,
          [...cuts].sort((a, b) => a - b),
        ),
        `round ${round}`,
      ).toEqual(rows);
    }
  });

  it('a stream cut mid-row is an error, not a short result', () => {
    const bytes = stream([['a', 'b']]);
    expect(() => parse(bytes.subarray(0, bytes.length - 4), [])).toThrow(/ended mid-row/);
  });
});
