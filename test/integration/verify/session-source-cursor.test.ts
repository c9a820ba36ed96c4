import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { copyOut } from '../../../src-main/connect/postgres/copy-out';
import { sessionSourceColumns } from '../../../src-main/engine/verify/session-source';
import { SessionSourceCursor } from '../../../src-main/engine/verify/session-source-cursor';
import { serverUrl, withClient } from '../../helpers/databases';

type SourceRow = Partial<Record<keyof typeof sessionSourceColumns, string | number | boolean>>;

const types: Record<keyof typeof sessionSourceColumns, string> = {
  userId: 'text',
  part: 'smallint',
  deviceId: 'text',
  id: 'bigint',
  token: 'text',
  at: 'bigint',
  until: 'bigint',
  refreshId: 'bigint',
  ip: 'text',
  userAgent: 'text',
  displayName: 'text',
  admin: 'boolean',
};

/** Rows in the source's columns (sessionSourceColumns), in the order given, as binary COPY sends them. */
function sourceSelect(c: pg.Client, rows: readonly SourceRow[]): string {
  const names = Object.keys(sessionSourceColumns) as (keyof typeof sessionSourceColumns)[];
  const value = (v: SourceRow[keyof SourceRow]) => (v === undefined ? 'NULL' : typeof v === 'string' ? c.escapeLiteral(v) : String(v));
  const values = rows.map((row, i) => `(${i}, ${names.map((n) => `${value(row[n])}::${types[n]}`).join(', ')})`);
  return `SELECT ${names.map((n) => `"${n}"`).join(', ')} FROM (VALUES ${values.join(', ')}) AS v(i, ${names.map((n) => `"${n}"`).join(', ')}) ORDER BY i`;
}

/** Each group's key, whether it starts a new user, and its rows' parts and tokens. */
async function groups(cursor: SessionSourceCursor) {
  const seen: unknown[] = [];
  while (await cursor.advance()) {
    const rows: string[] = [];
    for (let k = 0; k < cursor.size; k++) {
      const row = cursor.row(k);
      rows.push(`${row.int2(sessionSourceColumns.part)} ${row.text(sessionSourceColumns.token) ?? ''}`.trim());
    }
    seen.push([cursor.key(), cursor.newUser, rows]);
  }
  return seen;
}

/**
 * Synapse's session source is read as binary COPY, a group at a time
 * (session-groups.ts), its rows kept as bytes until the group is worked out:
 * the groups must be cut where the key changes, whatever the chunks the
 * bytes arrive in.
 */
describe("Synapse's session source, one group at a time", () => {
  it("cuts a user's own row, each device-less token and each device with its tokens, across chunks", async () => {
    const agent = `Mozilla/5.0 ${'x'.repeat(200_000)}`;
    const rows: SourceRow[] = [
      { userId: '@a:s', part: 0, admin: false },
      { userId: '@a:s', part: 2, id: 1, token: 'syt_x' },
      { userId: '@a:s', part: 2, id: 2, token: 'syt_y' },
      { userId: '@a:s', part: 1, deviceId: 'D1', userAgent: agent },
      { userId: '@a:s', part: 2, deviceId: 'D1', id: 3, token: 'syt_z' },
      { userId: '@a:s', part: 3, deviceId: 'D1', id: 4, token: 'syr_z' },
      { userId: '@a\\b:s', part: 0, admin: true },
      { userId: '@a\\b:s', part: 1, deviceId: 'D\t2', userAgent: agent },
      { userId: '@é:s', part: 2, deviceId: 'D\t2', id: 5, token: 'syt_é' },
    ];
    const seen = await withClient(serverUrl(), async (c) => {
      const cursor = new SessionSourceCursor(copyOut(c, sourceSelect(c, rows)), 'test rows');
      const all = await groups(cursor);
      expect(cursor.count).toBe(rows.length);
      return all;
    });
    expect(seen).toEqual([
      [['@a:s', null, null], true, ['0']],
      [['@a:s', null, 'syt_x'], false, ['2 syt_x']],
      [['@a:s', null, 'syt_y'], false, ['2 syt_y']],
      [['@a:s', 'D1', null], false, ['1', '2 syt_z', '3 syr_z']],
      [['@a\\b:s', null, null], true, ['0']],
      [['@a\\b:s', 'D\t2', null], false, ['1']],
      [['@é:s', 'D\t2', null], true, ['2 syt_é']],
    ]);
  });

  it('refuses a group that comes back after another, and frees its connection when stopped half-way', async () => {
    await withClient(serverUrl(), async (c) => {
      const unsorted: SourceRow[] = [
        { userId: '@a:s', part: 1, deviceId: 'D1' },
        { userId: '@a:s', part: 1, deviceId: 'D2' },
        { userId: '@a:s', part: 2, deviceId: 'D1', id: 1, token: 'syt' },
      ];
      const cursor = new SessionSourceCursor(copyOut(c, sourceSelect(c, unsorted)), "Synapse's devices and tokens");
      await cursor.advance();
      await expect(cursor.advance()).rejects.toMatchObject({
        code: 'verify-order',
        message: expect.stringContaining(
          "The rows of Synapse's devices and tokens did not arrive in the order the comparison needs (row 3)",
        ),
      });
      await cursor.drain();
      const many: SourceRow[] = Array.from({ length: 5000 }, (_, i) => ({ userId: `@u${String(i).padStart(5, '0')}:s`, part: 0 }));
      const stopped = new SessionSourceCursor(copyOut(c, sourceSelect(c, many)), 'test rows');
      expect(await stopped.advance()).toBe(true);
      await stopped.drain();
      expect((await c.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    });
  });
});
