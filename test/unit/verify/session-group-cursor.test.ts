import { describe, expect, it } from 'vitest';
import { SessionGroupCursor } from '../../../src-main/engine/verify/session-group-cursor';
import { masGroupOf, synapseGroupOf } from '../../../src-main/engine/verify/session-groups';

async function* batches(...lines: string[][]) {
  yield* lines;
}

async function groups(cursor: SessionGroupCursor) {
  const seen: unknown[] = [];
  while (await cursor.advance()) seen.push([cursor.group!.key, cursor.group!.rows.map((r) => r.slice(1, 3).join(' '))]);
  return seen;
}

describe('a side of the session comparison, one group of rows at a time (session-groups.ts)', () => {
  it("Synapse's source: the user's own row, each device-less token, each device with its tokens, across batches", async () => {
    // user_id, part, c1 (device, or the username for part 0), c2, c3 (token for parts 2 and 3).
    const cursor = new SessionGroupCursor(
      batches(
        ['@a:s\t0\ta\tf\t\\N', '@a:s\t2\t\\N\t1\tsyt_x', '@a:s\t2\t\\N\t2\tsyt_y'],
        ['@a:s\t1\tD1\t5\t\\N', '@a:s\t2\tD1\t3\tsyt_z', '@a:s\t3\tD1\t4\tsyr_z', '@a\\\\b:s\t0\tb\tt\t\\N'],
        ['@a\\\\b:s\t1\tD\\t2\t6\t\\N'],
      ),
      "Synapse's devices and tokens",
      synapseGroupOf,
    );
    expect(await groups(cursor)).toEqual([
      [['@a:s', null, null], ['0 a']],
      [['@a:s', null, 'syt_x'], ['2 ']],
      [['@a:s', null, 'syt_y'], ['2 ']],
      [
        ['@a:s', 'D1', null],
        ['1 D1', '2 D1', '3 D1'],
      ],
      [['@a\\b:s', null, null], ['0 b']],
      [['@a\\b:s', 'D\t2', null], ['1 D\\t2']],
    ]);
    expect(cursor.count).toBe(8);
  });

  it("MAS's rows: a device's session with its tokens, a device-less session with its own token", async () => {
    // user_id, part, c1 (session: device; token: itself), c2 (session: own token; token: the session's device).
    const cursor = new SessionGroupCursor(
      batches(['@a:s\t0\t\\N\tsyt_x', '@a:s\t1\tsyt_x\t\\N', '@a:s\t0\tD1\t\\N', '@a:s\t1\tsyt_z\tD1', '@a:s\t2\tsyr_z\tD1']),
      "MAS's sessions and tokens",
      masGroupOf,
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
    const cursor = new SessionGroupCursor(batches(['@b:s\t0\tb', '@a:s\t0\ta']), "MAS's sessions and tokens", synapseGroupOf);
    await cursor.advance();
    await expect(cursor.advance()).rejects.toMatchObject({
      code: 'verify-order',
      message: expect.stringContaining("The rows of MAS's sessions and tokens did not arrive in the order the comparison needs"),
    });
    const again = new SessionGroupCursor(batches(['@a:s\t1\tD1', '@a:s\t1\tD2', '@a:s\t2\tD1\t1\tsyt']), 'test rows', synapseGroupOf);
    await again.advance();
    await again.advance();
    await expect(again.advance()).rejects.toMatchObject({ code: 'verify-order' });
  });
});
