import { describe, expect, it } from 'vitest';
import { CopyRow, readTuple } from '../../../src-main/connect/postgres/copy-binary';
import type { HeldKey } from '../../../src-main/connect/postgres/held-key';
import { type MergeHandler, type RowSource, SortedMerge } from '../../../src-main/engine/mapping/sorted-merge';
import { type TupleValue as Value, tupleBytes } from '../../helpers/copy-tuples';

/**
 * A stream of binary COPY tuples as the merge reads them: each tuple encoded
 * and read in place. `stall` makes every other `next()` find no bytes, so
 * the merge has to wait for them (`more()`), as it does on a socket.
 */
function source(rows: Value[][], stall = false): RowSource {
  const tuples = rows.map(tupleBytes);
  const row = new CopyRow();
  let at = 0;
  let waiting = false;
  return {
    row,
    next() {
      if (at === tuples.length) return false;
      if (stall && !waiting) {
        waiting = true;
        return false;
      }
      waiting = false;
      const tuple = tuples[at++]!;
      readTuple(tuple, 0, tuple.length, row);
      return true;
    },
    more: async () => at < tuples.length,
  };
}

const key = (k: HeldKey) => (k.isNull ? 'NULL' : k.bytes.subarray(0, k.length).toString());
const fields = (row: CopyRow) => Array.from({ length: row.fields }, (_, i) => row.text(i) ?? 'NULL').join('/');

/** The handler's calls, one line each. */
function recorder(): MergeHandler & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    startKey: (k, listed) => calls.push(`key ${key(k)}${listed ? ` listed ${fields(listed)}` : ''}`),
    keyRow: (s, row) => calls.push(`  by key ${s}: ${fields(row)}`),
    groupRow: (s, row) => calls.push(`  grouped ${s}: ${fields(row)}`),
    endGroup: (head, sub) => calls.push(`  group ${key(sub)}${head ? ` head ${fields(head)}` : ''}`),
    between: () => undefined,
  };
}

const streams = {
  // 'a' is listed only: passed by. 'd' has rows but is not listed.
  listing: [
    ['a', 'A'],
    ['b', 'B'],
    ['c', 'C'],
  ],
  byKey: [
    [
      ['b', 'x1'],
      ['b', 'x2'],
      ['d', 'x3'],
    ],
    [['c', 'y1']],
  ],
  grouped: [
    [
      ['b', 'D1', 'dev'],
      ['b', 'D2', 'dev'],
      ['c', 'D1', 'dev'],
    ],
    [
      ['b', 'D1', 't1'],
      ['b', 'D1', 't2'],
      ['b', 'D3', 't3'],
      ['b', null, 't4'],
      ['d', null, 't5'],
    ],
    [
      ['b', 'D2', 'r1'],
      ['c', 'D1', 'r2'],
    ],
  ],
};

async function merge(s: typeof streams, stall = false): Promise<string[]> {
  const handler = recorder();
  await new SortedMerge(
    {
      listing: source(s.listing, stall),
      listingKey: 0,
      byKey: s.byKey.map((rows) => source(rows, stall)),
      grouped: s.grouped.map((rows) => source(rows, stall)),
    },
    handler,
  ).run();
  return handler.calls;
}

describe('sorted merge', () => {
  it('hands on each key with its listed row, its rows by key, then its groups by subkey (NULL last)', async () => {
    expect(await merge(streams)).toEqual([
      'key b listed b/B',
      '  by key 0: b/x1',
      '  by key 0: b/x2',
      '  grouped 1: b/D1/t1',
      '  grouped 1: b/D1/t2',
      '  group D1 head b/D1/dev',
      '  grouped 2: b/D2/r1',
      '  group D2 head b/D2/dev',
      '  grouped 1: b/D3/t3',
      '  group D3',
      '  grouped 1: b/NULL/t4',
      '  group NULL',
      'key c listed c/C',
      '  by key 1: c/y1',
      '  grouped 2: c/D1/r2',
      '  group D1 head c/D1/dev',
      'key d',
      '  by key 0: d/x3',
      '  grouped 1: d/NULL/t5',
      '  group NULL',
    ]);
  });

  it('gives the same calls when the streams have to wait for their bytes', async () => {
    expect(await merge(streams, true)).toEqual(await merge(streams));
  });

  it('stops on a row out of byte order, on any stream, and on the same subkey twice in stream 0', async () => {
    const outOfOrder = /not in byte order of user and device ID/;
    await expect(
      merge({
        ...streams,
        byKey: [
          [
            ['b', 'x'],
            ['a', 'x'],
          ],
          [],
        ],
      }),
    ).rejects.toThrow(outOfOrder);
    await expect(
      merge({
        ...streams,
        listing: [
          ['b', 'B'],
          ['a', 'A'],
        ],
      }),
    ).rejects.toThrow(outOfOrder);
    const twice = [
      ['b', 'D1', 'dev'],
      ['b', 'D1', 'dev'],
    ];
    await expect(merge({ ...streams, grouped: [twice, [], []] })).rejects.toThrow(outOfOrder);
    await expect(
      merge({
        ...streams,
        grouped: [
          [],
          [
            ['b', 'D2', 't'],
            ['b', 'D1', 't'],
          ],
          [],
        ],
      }),
    ).rejects.toThrow(outOfOrder);
  });

  it('hands on the listed rows no other stream has, each followed by `between`, whose flush it waits for', async () => {
    const handler = recorder();
    handler.listedAlone = (row) => handler.calls.push(`alone ${fields(row)}`);
    handler.between = () => {
      handler.calls.push('between');
      // A flush that takes a turn: nothing may be handed on before it is done.
      return new Promise<void>((resolve) => setImmediate(() => resolve(void handler.calls.push('flushed'))));
    };
    await new SortedMerge(
      {
        listing: source(
          [
            ['a', 'A'],
            ['c', 'C'],
            ['e', 'E'],
          ],
          true,
        ),
        listingKey: 0,
        byKey: [source([['c', 'x']], true)],
        grouped: [],
      },
      handler,
    ).run();
    expect(handler.calls).toEqual([
      'alone a/A',
      'between',
      'flushed',
      'key c listed c/C',
      '  by key 0: c/x',
      'alone e/E',
      'between',
      'flushed',
    ]);
  });

  it('compares keys as bytes: "B" before "a", "é" after "z"', async () => {
    const calls = await merge({
      listing: [],
      byKey: [
        [
          ['B', '1'],
          ['a', '2'],
          ['z', '3'],
          ['é', '4'],
        ],
      ],
      grouped: [],
    });
    expect(calls.filter((c) => c.startsWith('key'))).toEqual(['key B', 'key a', 'key z', 'key é']);
  });
});
