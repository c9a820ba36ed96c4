import { describe, expect, it } from 'vitest';
import { UserGroupCursor } from '../../../src-main/engine/verify/user-group-cursor';

async function* batches(...lines: string[][]) {
  yield* lines;
}

describe("a side of the session comparison, one user's rows at a time", () => {
  it('groups rows by user ID across batches, keeping fields COPY-escaped and the key decoded', async () => {
    const cursor = new UserGroupCursor(
      batches(['@a:s\t0\tx', '@a:s\t1\ty'], ['@a:s\t2\t\\N', '@a\\\\b:s\t0\tz'], ['@c:s\t3\tw']),
      'test rows',
    );
    const seen: unknown[] = [];
    while (await cursor.advance()) seen.push([cursor.group!.key, cursor.group!.rows]);
    expect(seen).toEqual([
      [
        '@a:s',
        [
          ['@a:s', '0', 'x'],
          ['@a:s', '1', 'y'],
          ['@a:s', '2', null],
        ],
      ],
      ['@a\\b:s', [['@a\\\\b:s', '0', 'z']]],
      ['@c:s', [['@c:s', '3', 'w']]],
    ]);
    expect(cursor.count).toBe(5);
  });

  it('refuses a user that comes back after another (the stream is not sorted as the comparison needs)', async () => {
    const cursor = new UserGroupCursor(batches(['@b:s\t0', '@a:s\t0']), "MAS's sessions and tokens");
    await cursor.advance();
    await expect(cursor.advance()).rejects.toMatchObject({
      code: 'verify-order',
      message: expect.stringContaining("The rows of MAS's sessions and tokens did not arrive in the order the comparison needs"),
    });
    const again = new UserGroupCursor(batches(['@a:s\t0', '@b:s\t0', '@a:s\t1']), 'test rows');
    await again.advance();
    await again.advance();
    await expect(again.advance()).rejects.toMatchObject({ code: 'verify-order' });
  });
});
