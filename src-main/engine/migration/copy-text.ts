/**
 * PostgreSQL's COPY text format (one row a line, tab-separated, `\N` for
 * NULL, backslash escapes), read from `COPY … TO STDOUT` and written to
 * `COPY … FROM STDIN`. Plain text avoids a row-object per value and is the
 * fastest path both ways.
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

/**
 * Fields of one COPY text line, still COPY-escaped; `null` for `\N`.
 * Text read from Synapse goes to MAS's COPY unchanged, so it is never
 * unescaped and escaped again; ids, numbers, booleans and timestamps never
 * need escaping. Compare a field with a value only through unescapeCopyField
 * when it could hold an escape.
 */
export function splitCopyLine(line: string): (string | null)[] {
  const fields: (string | null)[] = line.split('\t');
  for (let i = 0; i < fields.length; i++) if (fields[i] === '\\N') fields[i] = null;
  return fields;
}

/** One COPY text line from fields that are already COPY text (see splitCopyLine); null and undefined are NULL. */
export function joinCopyLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    line += `${i ? '\t' : ''}${value === null || value === undefined ? '\\N' : value}`;
  }
  return `${line}\n`;
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
