import { describe, expect, it } from 'vitest';
import { copyHeader, copyTrailer } from '../../../src-main/connect/postgres/copy-binary';
import { CopyOutParser } from '../../../src-main/connect/postgres/copy-out-parser';
import { type TupleValue as Value, tupleBytes } from '../../helpers/copy-tuples';
import { seededRandom } from '../../helpers/seeded-random';

/** One protocol message: type byte, length (counting itself), body. */
function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeUInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

/**
 * What the backend sends for a COPY TO of these rows: CopyOutResponse, the
 * COPY data in CopyData messages (the header with the first tuple, one tuple
 * per message, or, with `split`, tuples cut across messages), notices in
 * between, the trailer, CopyDone; then what follows (CommandComplete, ReadyForQuery).
 */
function conversation(rows: Value[][], next: () => number, split: boolean): { bytes: Buffer; after: Buffer } {
  const data = [copyHeader, ...rows.map(tupleBytes), copyTrailer];
  const messages = [message('H', Buffer.from([1, 0, 0]))];
  if (split) {
    const all = Buffer.concat(data);
    for (let at = 0; at < all.length; ) {
      const n = 1 + Math.floor(next() * 40);
      messages.push(message('d', all.subarray(at, at + n)));
      at += n;
    }
  } else {
    messages.push(message('d', Buffer.concat([data[0]!, data[1]!])));
    for (const part of data.slice(2)) {
      if (next() < 0.1) messages.push(message('N', Buffer.from('SNOTICE\0\0')));
      messages.push(message('d', part));
    }
  }
  messages.push(message('c', Buffer.alloc(0)));
  const after = Buffer.concat([message('C', Buffer.from('COPY 3\0')), message('Z', Buffer.from('T'))]);
  return { bytes: Buffer.concat([...messages, after]), after };
}

/** Feeds `bytes` cut at `cuts`, taking every tuple as soon as it is complete. */
function parse(bytes: Buffer, cuts: number[]): { rows: Value[][]; parser: CopyOutParser } {
  const parser = new CopyOutParser();
  const rows: Value[][] = [];
  let from = 0;
  for (const to of [...cuts, bytes.length]) {
    parser.push(bytes.subarray(from, to));
    from = to;
    while (parser.next()) rows.push(Array.from({ length: parser.row.fields }, (_, i) => parser.row.text(i)));
  }
  return { rows, parser };
}

function cutsOf(length: number, mean: number, next: () => number): number[] {
  const cuts: number[] = [];
  for (let at = Math.floor(next() * mean); at < length; at += 1 + Math.floor(next() * 2 * mean)) cuts.push(at);
  return cuts;
}

describe('COPY TO framing, read from the socket', () => {
  it('reads back every tuple, wherever the chunks and messages are cut, and leaves the client what follows CopyDone', () => {
    const { next } = seededRandom(7);
    const value = (): Value => {
      const r = next();
      if (r < 0.15) return null;
      if (r < 0.2) return '';
      if (r < 0.23) return 'x'.repeat(70_000 + Math.floor(next() * 70_000)); // longer than a chunk
      // Any character text can hold: no NUL, no lone surrogate.
      const char = () => String.fromCodePoint(((cp) => (cp >= 0xd800 && cp <= 0xdfff ? cp + 0x800 : cp))(1 + Math.floor(next() * 0x2ffff)));
      return Array.from({ length: Math.floor(next() * 40) }, char).join('');
    };
    for (let round = 0; round < 24; round++) {
      const rows = Array.from({ length: 1 + Math.floor(next() * 60) }, () => Array.from({ length: 1 + Math.floor(next() * 12) }, value));
      const { bytes, after } = conversation(rows, next, round % 3 === 2);
      const { rows: seen, parser } = parse(bytes, cutsOf(bytes.length, [1, 7, 300, 65_536][round % 4]!, next));
      expect(seen, `round ${round}`).toEqual(rows);
      expect(parser.state).toBe('done');
      expect(parser.complete).toBe(true);
      expect(Buffer.concat(parser.takeRest()).equals(after), `round ${round}`).toBe(true);
    }
  });

  it('stops at an ErrorResponse and leaves it, and all after it, to the client', () => {
    const { next } = seededRandom(3);
    const copying = Buffer.concat([message('H', Buffer.from([1, 0, 0])), message('d', Buffer.concat([copyHeader, tupleBytes(['a'])]))]);
    const error = Buffer.concat([message('E', Buffer.from('SERROR\0C57014\0Mcanceled\0\0')), message('Z', Buffer.from('I'))]);
    const stream = Buffer.concat([copying, error]);
    for (const cuts of [[], [copying.length + 1], [copying.length + 3], cutsOf(stream.length, 2, next)]) {
      const { rows, parser } = parse(stream, cuts);
      expect(rows).toEqual([['a']]);
      expect(parser.state).toBe('error');
      expect(Buffer.concat(parser.takeRest()).equals(error)).toBe(true);
    }
  });

  it('a COPY that ends mid-row (CopyDone before the trailer) is not complete', () => {
    const tuple = tupleBytes(['a', 'b']);
    const bytes = Buffer.concat([
      message('d', Buffer.concat([copyHeader, tuple.subarray(0, tuple.length - 1)])),
      message('c', Buffer.alloc(0)),
    ]);
    const { rows, parser } = parse(bytes, []);
    expect(rows).toEqual([]);
    expect(parser.state).toBe('done');
    expect(parser.complete).toBe(false);
  });
});
