import { describe, expect, it } from 'vitest';
import { compareCodePoints, compareKeys } from '../../../src-main/engine/verify/key-order';
import { freshDatabase, withClient } from '../../helpers/databases';

/** Strings where UTF-16 order, locale order and byte order disagree. */
const tricky = [
  '',
  'a',
  'B',
  'b',
  'ab',
  'a b',
  'a\tb',
  'a\\b',
  'Z',
  'é',
  'e',
  'ÿ',
  'Ā',
  '\uE000',
  '\uFFFD',
  '😀',
  '𝔸',
  'a😀',
  'a\uE000',
  '中',
  '\u0001',
];

describe('the merge order is PostgreSQL\'s COLLATE "C"', () => {
  it('sorts every tricky string as PostgreSQL does, and NULLs first', async () => {
    const url = await freshDatabase('order');
    const sorted = await withClient(url, async (c) =>
      (await c.query<{ v: string }>('SELECT v FROM unnest($1::text[]) AS v ORDER BY v COLLATE "C"', [tricky])).rows.map((r) => r.v),
    );
    expect([...tricky].sort(compareCodePoints)).toEqual(sorted);
    // Plain UTF-16 order would get these wrong, which is why the comparison exists.
    expect([...tricky].sort()).not.toEqual(sorted);
    expect(compareKeys([null, 'x'], ['', 'a'])).toBeLessThan(0);
    expect(compareKeys(['a', null], ['a', null])).toBe(0);
    expect(compareKeys(['a', 'b'], ['a', null])).toBeGreaterThan(0);
  });
});
