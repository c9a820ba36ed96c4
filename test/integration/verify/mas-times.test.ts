import { describe, expect, it } from 'vitest';
import { micros, ulidMicros } from '../../../src-main/engine/verify/mas-rows';
import { serverUrl, withClient } from '../../helpers/databases';

/** verify reads MAS's times through their binary forms (mas-rows.ts): exact wherever MAS may hold them. */
describe("MAS's times as verify reads them", () => {
  it('a timestamptz in microseconds since the epoch, before 1970 and 2000, now and in year 9999, and NULL', async () => {
    const times = [
      '0001-01-01 00:00:00+00',
      '1969-12-31 23:59:59.999999+00',
      '1970-01-01 00:00:00+00',
      '1999-12-31 23:59:59.999999+00',
      '2000-01-01 00:00:00.000001+00',
      '2026-12-05 12:34:56.789012+00',
      '9999-12-31 23:59:59.999999+00',
    ];
    const rows = await withClient(
      serverUrl(),
      async (c) =>
        (
          await c.query<{ ours: string | null; exact: string | null }>(
            `SELECT ${micros('t')}::text AS ours, (extract(epoch FROM t) * 1000000)::bigint::text AS exact
             FROM unnest($1::timestamptz[] || ARRAY[NULL::timestamptz]) AS t`,
            [times],
          )
        ).rows,
    );
    expect(rows.map((r) => r.ours)).toEqual(rows.map((r) => r.exact));
    expect(rows[2]!.ours).toBe('0');
    expect(rows.at(-1)!.ours).toBeNull();
  });

  it("a ULID's time: its first 48 bits, in microseconds", async () => {
    const got = await withClient(serverUrl(), async (c) =>
      (
        await c.query<{ t: string }>(`SELECT ${ulidMicros('u')}::text AS t FROM unnest($1::uuid[]) AS u`, [
          ['0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', 'ffffffff-ffff-0000-0000-000000000000', '00000000-0000-ffff-ffff-ffffffffffff'],
        ])
      ).rows.map((r) => r.t),
    );
    expect(got).toEqual([String(0x0193a1b2c3d4n * 1000n), String(0xffffffffffffn * 1000n), '0']);
  });
});
