import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { copyLineBatches, encodeCopyLine, parseCopyLine } from '../../../src-main/engine/migration/copy-text';

describe('COPY text format', () => {
  it('round-trips tabs, newlines, backslashes and NULL', () => {
    const values = ['plain', 'tab\there', 'line\nbreak\r', 'back\\slash', null, 'ünïcödé'];
    expect(parseCopyLine(encodeCopyLine(values).slice(0, -1))).toEqual(values);
  });

  it('writes booleans and numbers as PostgreSQL reads them', () => {
    expect(encodeCopyLine([true, false, 1, undefined])).toBe('true\tfalse\t1\t\\N\n');
  });

  it('decodes the octal and hex escapes PostgreSQL may emit', () => {
    expect(parseCopyLine('a\\101\tb\\x42\t\\N')).toEqual(['aA', 'bB', null]);
  });

  it('splits chunks into lines without breaking a multi-byte character cut between chunks', async () => {
    const bytes = Buffer.from('é1\tx\nsecond\t€\n');
    const chunks = [bytes.subarray(0, 1), bytes.subarray(1, 9), bytes.subarray(9, 14), bytes.subarray(14)];
    const lines: string[] = [];
    for await (const batch of copyLineBatches(Readable.from(chunks))) lines.push(...batch);
    expect(lines).toEqual(['é1\tx', 'second\t€']);
  });
});
