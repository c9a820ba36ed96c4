import { describe, expect, it } from 'vitest';
import { SessionGroupCursor } from '../../../src-main/engine/verify/session-group-cursor';

async function* batches(...lines: string[][]) {
  yield* lines;
}

async function groups(cursor: SessionGroupCursor) {
  const seen: unknown[] = [];
  while (await cursor.advance()) seen.push([cursor.group!.key, cursor.group!.rows.map((r) => r.slice(1, 3).join(' '))]);
  return seen;
}

describe("MAS's side of the session comparison, one group of rows at a time (session-groups.ts)", () => {
  it("MAS's rows: a device's session with its tokens, a device-less session with its own token", async () => {
    // user_id, part, c1 (session: device; token: itself), c2 (session: own token; token: the session's device).
    const cursor = new SessionGroupCursor(
      batches(['@a:s\t0\t\\N\tsyt_x', '@a:s\t1\tsyt_x\t\\N', '@a:s\t0\tD1\t\\N', '@a:s\t1\tsyt_z\tD1', '@a:s\t2\tsyr_z\tD1']),
      "MAS's sessions and tokens",
    );
    expect(await groups(cursor)).toEqual([
      [
        ['@a:s', null, 'syt_x'],
        ['0 ', '1 syt_x'],
      ],
      [
        ['@a:s', 'D1', null],
        ['0 D1', '1 syt_z', '2 syr_z'],
      ],
    ]);
  });

  it('refuses a group that comes back after another (the stream is not sorted as the comparison needs)', async () => {
    const cursor = new SessionGroupCursor(batches(['@b:s\t0\tD1\t\\N', '@a:s\t0\tD1\t\\N']), "MAS's sessions and tokens");
    await cursor.advance();
    await expect(cursor.advance()).rejects.toMatchObject({
      code: 'verify-order',
      message: expect.stringContaining("The rows of MAS's sessions and tokens did not arrive in the order the comparison needs"),
    });
    const again = new SessionGroupCursor(batches(['@a:s\t0\tD1\t\\N', '@a:s\t0\tD2\t\\N', '@a:s\t1\tsyt\tD1']), 'test rows');
    await again.advance();
    await again.advance();
    await expect(again.advance()).rejects.toMatchObject({ code: 'verify-order' });
  });
});
