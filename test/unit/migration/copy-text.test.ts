import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { copyLineBatches, joinCopyLine, splitCopyLine, unescapeCopyField } from '../../../src-main/engine/migration/copy-text';

describe('COPY text format', () => {
  it('passes escaped fields through unchanged, so a row read is the row written', () => {
    const line = 'plain\ttab\\there\tline\\nbreak\\r\tback\\\\slash\t\\N\tünïcödé';
    const fields = splitCopyLine(line);
    expect(fields[4]).toBeNull();
    expect(joinCopyLine(fields)).toBe(`${line}\n`);
  });

  it('writes booleans, numbers and missing values as PostgreSQL reads them', () => {
    expect(joinCopyLine([true, false, 1, undefined, null])).toBe('true\tfalse\t1\t\\N\t\\N\n');
  });

  it('unescapes a field where its value matters, including octal and hex escapes', () => {
    expect(splitCopyLine('a\\101\tb\\x42\t\\N').map((f) => (f === null ? f : unescapeCopyField(f)))).toEqual(['aA', 'bB', null]);
    expect(unescapeCopyField('tab\\there\\\\n')).toBe('tab\there\\n');
  });

  it('splits chunks into lines without breaking a multi-byte character cut between chunks', async () => {
    const bytes = Buffer.from('é1\tx\nsecond\t€\n');
    const chunks = [bytes.subarray(0, 1), bytes.subarray(1, 9), bytes.subarray(9, 14), bytes.subarray(14)];
    const lines: string[] = [];
    for await (const batch of copyLineBatches(Readable.from(chunks))) lines.push(...batch);
    expect(lines).toEqual(['é1\tx', 'second\t€']);
  });
});
