import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { copyLineBatches, escapeCopyField, splitCopyLine, unescapeCopyField } from '../../../src-main/engine/verify/copy-text';

describe("the verifier's COPY text reading", () => {
  it('keeps fields escaped until a value matters, and reads \\N as NULL', () => {
    const fields = splitCopyLine('plain\ttab\\there\tline\\nbreak\\r\tback\\\\slash\t\\N\tünïcödé');
    expect(fields[4]).toBeNull();
    expect(fields[1]).toBe('tab\\there');
  });

  it('unescapes a field where its value matters, including octal and hex escapes', () => {
    expect(splitCopyLine('a\\101\tb\\x42\t\\N').map((f) => (f === null ? f : unescapeCopyField(f)))).toEqual(['aA', 'bB', null]);
    expect(unescapeCopyField('tab\\there\\\\n')).toBe('tab\there\\n');
  });

  it('escapes a value as COPY prints it, which unescaping gives back', () => {
    const value = 'back\\slash\ttab\nline\rreturn\bbs\fff\vvt\u0001raw é';
    expect(escapeCopyField(value)).toBe('back\\\\slash\\ttab\\nline\\rreturn\\bbs\\fff\\vvt\u0001raw é');
    expect(unescapeCopyField(escapeCopyField(value))).toBe(value);
  });

  it('splits chunks into lines without breaking a multi-byte character cut between chunks', async () => {
    const bytes = Buffer.from('é1\tx\nsecond\t€\n');
    const chunks = [bytes.subarray(0, 1), bytes.subarray(1, 9), bytes.subarray(9, 14), bytes.subarray(14)];
    const lines: string[] = [];
    for await (const batch of copyLineBatches(Readable.from(chunks))) lines.push(...batch);
    expect(lines).toEqual(['é1\tx', 'second\t€']);
  });
});
