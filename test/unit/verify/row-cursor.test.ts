import { describe, expect, it } from 'vitest';
import { RowCursor } from '../../../src-main/engine/verify/row-cursor';

async function* batches(...lines: string[][]) {
  yield* lines;
}

describe('a side of the comparison', () => {
  it('decodes COPY text keys (escapes, NULL first) and counts rows across batches', async () => {
    const cursor = new RowCursor(batches(['\\N\tx', 'a\\tb\ty'], ['b\\\\c\t\\N']), 1, 'test rows');
    const seen: unknown[] = [];
    while (await cursor.advance()) seen.push([cursor.key, cursor.row]);
    expect(seen).toEqual([
      [[null], [null, 'x']],
      [['a\tb'], ['a\\tb', 'y']],
      [['b\\c'], ['b\\\\c', null]],
    ]);
    expect(cursor.count).toBe(3);
  });

  it('refuses a stream that is not in key order, and allows equal keys (duplicates in MAS)', async () => {
    const ok = new RowCursor(batches(['a\t1', 'a\t2', 'b\t3']), 1, 'MAS rows');
    while (await ok.advance());
    expect(ok.count).toBe(3);
    const bad = new RowCursor(batches(['b\t1'], ['a\t2']), 1, "MAS's users");
    await bad.advance();
    await expect(bad.advance()).rejects.toMatchObject({
      code: 'verify-order',
      message: expect.stringContaining("The rows of MAS's users did not arrive in the order the comparison needs (row 2)"),
    });
  });
});
