import { describe, expect, it } from 'vitest';
import { CopyRow, CopyRows, copyHeader, readCopyHeader, readTuple } from '../../../src-main/connect/postgres/copy-binary';

describe('binary COPY tuples', () => {
  it('are read back as written, NULL and empty apart, in place', () => {
    const rows = [['a', null, ''], ['é😀', 'x'.repeat(70_000)], []];
    const out = new CopyRows();
    for (const row of rows) {
      out.row(row.length);
      for (const v of row) {
        if (v === null) out.null();
        else out.text(v);
      }
    }
    const bytes = Buffer.concat([copyHeader, out.take()!]);
    const row = new CopyRow();
    const seen: (string | null)[][] = [];
    for (let at = readCopyHeader(bytes, 0, bytes.length); at < bytes.length; ) {
      at = readTuple(bytes, at, bytes.length, row);
      seen.push(Array.from({ length: row.fields }, (_, i) => row.text(i)));
      expect(row.buf).toBe(bytes);
    }
    expect(seen).toEqual(rows);
  });

  it('a tuple cut short says how far its bytes reach at least, and is read once they are there', () => {
    const out = new CopyRows();
    out.row(2);
    out.text('abc');
    out.text('defgh');
    const bytes = out.take()!;
    const row = new CopyRow();
    for (let end = 0; end < bytes.length; ) {
      const need = -readTuple(bytes, 0, end, row);
      expect(need).toBeGreaterThan(end);
      expect(need).toBeLessThanOrEqual(bytes.length);
      end = need;
    }
    expect(readTuple(bytes, 0, bytes.length, row)).toBe(bytes.length);
    expect([row.text(0), row.text(1)]).toEqual(['abc', 'defgh']);
  });

  it('hand over their bytes: what was taken stays as it was while more rows are written', () => {
    const out = new CopyRows();
    out.row(1);
    out.text('first');
    const taken = out.take()!;
    const copy = Buffer.from(taken);
    out.row(1);
    out.text('second, longer than the first');
    expect(out.take()!.length).toBeGreaterThan(copy.length);
    expect(taken).toEqual(copy);
    expect(out.take()).toBeUndefined();
  });

  it('refuse a stream that is not binary COPY', () => {
    expect(() => readCopyHeader(Buffer.from('PGCOPY\nxxxxxxxxxxxxxxx'), 0, 19)).toThrow(/not a binary COPY/);
  });
});
