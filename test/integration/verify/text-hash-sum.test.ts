import { describe, expect, it } from 'vitest';
import { recordText } from '../../../src-main/engine/verify/record-text';
import { TextHashSum } from '../../../src-main/engine/verify/text-hash-sum';
import { serverUrl, withClient } from '../../helpers/databases';

const digestOf = (texts: Iterable<string>) => {
  const sum = new TextHashSum();
  for (const text of texts) sum.add(text);
  return sum.digest();
};

/**
 * The session side's digest is worked out in this process and held to one
 * PostgreSQL computes (session-digests.ts): the hash and the row text must
 * be PostgreSQL's own, to the bit, or no migration could ever be proven.
 */
describe("PostgreSQL's hashtextextended, summed in this process", () => {
  it('gives each text the hash PostgreSQL gives it, at every length and in every script', async () => {
    const texts = ['', ' ', 'a', '@alice:example.org', 'ünïcødé ✓', '😀 and 🚀', 'tab\there', '\\x0002', '"quoted"', 'e\u0301'];
    for (let n = 0; n <= 40; n++) texts.push('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ'.slice(0, n), 'é'.repeat(n));
    const { rows } = await withClient(serverUrl(), (c) =>
      c.query<{ a: string; b: string }>(
        'SELECT hashtextextended(t, 0)::text AS a, hashtextextended(t, 1)::text AS b FROM unnest($1::text[]) WITH ORDINALITY AS u(t, i) ORDER BY i',
        [texts],
      ),
    );
    texts.forEach((text, i) => {
      const { rows: n, a, b } = digestOf([text]);
      expect({ n, a, b }, JSON.stringify(text)).toEqual({ n: '1', a: rows[i]!.a, b: rows[i]!.b });
    });
    expect(digestOf([])).toEqual({ rows: '0', a: '0', b: '0', marked: '0' });
  });

  it('sums over a million texts exactly as PostgreSQL sums them in numeric', async () => {
    const n = 1_100_000; // past the point where the running sums are folded into exact integers
    const { rows } = await withClient(serverUrl(), (c) =>
      c.query<{ rows: string; a: string; b: string }>(
        `SELECT count(*)::text AS rows, sum(hashtextextended(i::text, 0))::text AS a, sum(hashtextextended(i::text, 1))::text AS b
         FROM generate_series(1, ${n}) AS i`,
      ),
    );
    const texts = function* () {
      for (let i = 1; i <= n; i++) yield String(i);
    };
    expect(digestOf(texts())).toEqual({ ...rows[0], marked: '0' });
  });
});

describe('a row as PostgreSQL prints a record of text columns', () => {
  it('quotes, doubles and leaves out what ROW(…)::text does', async () => {
    const rows: (string | null)[][] = [
      ['plain', null, '', 'with space', 'a,b', '(paren)', 'say "hi"', 'back\\slash', '\\x00ff'],
      ['tab\there', 'new\nline', 'cr\rx', 'vt\vx', 'ff\fx', 'nbsp\u00a0x', 'ünïcødé', '😀', null],
      [null, null, null, null, null, null, null, null, null],
    ];
    await withClient(serverUrl(), async (c) => {
      for (const row of rows) {
        const params = row.map((_, i) => `$${i + 1}::text`).join(', ');
        const { rows: out } = await c.query<{ r: string }>(`SELECT ROW(${params})::text AS r`, row);
        expect(recordText(row), JSON.stringify(row)).toBe(out[0]!.r);
      }
    });
  });
});
