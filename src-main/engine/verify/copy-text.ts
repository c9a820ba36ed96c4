import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/**
 * PostgreSQL's COPY text format (one row a line, tab-separated, `\N` for
 * NULL, backslash escapes), as the verifier reads the rows it compares one
 * by one. Synapse's session source, which this process hashes, comes as
 * binary COPY through the migration's reader (session-source-cursor.ts):
 * the wire-level reading is shared, never the rules.
 */

const unescapes: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** The value of one COPY text field (only needed where a value is interpreted, not where it is passed on). */
export function unescapeCopyField(field: string): string {
  if (!field.includes('\\')) return field;
  return field.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_m, seq: string) => {
    if (seq[0] === 'x') return String.fromCharCode(Number.parseInt(seq.slice(1), 16));
    if (/^[0-7]/.test(seq)) return String.fromCharCode(Number.parseInt(seq, 8));
    return unescapes[seq] ?? seq;
  });
}

const escapes: Record<string, string> = { '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't', '\v': 'v', '\\': '\\' };

/** A value as COPY text prints it: the inverse of unescapeCopyField (other control characters go as they are). */
export function escapeCopyField(value: string): string {
  return value.replace(/[\\\b\f\n\r\t\v]/g, (c) => `\\${escapes[c]}`);
}

/** Fields of one COPY text line, still COPY-escaped; `null` for `\N` (compare through unescapeCopyField when a field could hold an escape). */
export function splitCopyLine(line: string): (string | null)[] {
  const fields: (string | null)[] = line.split('\t');
  for (let i = 0; i < fields.length; i++) if (fields[i] === '\\N') fields[i] = null;
  return fields;
}

/**
 * Splits a stream of COPY chunks into lines, a batch per chunk (one await per
 * chunk, not per row). Newlines inside values are escaped by PostgreSQL, so a
 * raw newline byte always ends a row; rows are decoded only once complete, so
 * a multi-byte character split across chunks stays intact.
 */
export async function* copyLineBatches(chunks: AsyncIterable<Buffer>): AsyncGenerator<string[]> {
  let rest: Buffer | undefined;
  for await (const chunk of chunks) {
    const buf = rest ? Buffer.concat([rest, chunk]) : chunk;
    const lines: string[] = [];
    let start = 0;
    let nl = buf.indexOf(10, start);
    while (nl !== -1) {
      lines.push(buf.toString('utf8', start, nl));
      start = nl + 1;
      nl = buf.indexOf(10, start);
    }
    rest = start < buf.length ? buf.subarray(start) : undefined;
    if (lines.length) yield lines;
  }
  if (rest?.length) yield [rest.toString('utf8')];
}

/** The rows of a query, streamed in batches of COPY text lines. */
export function streamRows(client: pg.Client, select: string): AsyncGenerator<string[]> {
  return copyLineBatches(client.query(copyTo(`COPY (${select}) TO STDOUT`)));
}
