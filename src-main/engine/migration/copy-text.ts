/**
 * PostgreSQL's COPY text format (one row a line, tab-separated, `\N` for
 * NULL, backslash escapes), read from `COPY … TO STDOUT` and written to
 * `COPY … FROM STDIN`. Plain text avoids a row-object per value and is the
 * fastest path both ways.
 */

const unescapes: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

function unescapeField(field: string): string {
  return field.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_m, seq: string) => {
    if (seq[0] === 'x') return String.fromCharCode(Number.parseInt(seq.slice(1), 16));
    if (/^[0-7]/.test(seq)) return String.fromCharCode(Number.parseInt(seq, 8));
    return unescapes[seq] ?? seq;
  });
}

/** Fields of one COPY text line; `null` for `\N`. */
export function parseCopyLine(line: string): (string | null)[] {
  const fields = line.split('\t');
  const out: (string | null)[] = new Array(fields.length);
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    out[i] = f === '\\N' ? null : f.includes('\\') ? unescapeField(f) : f;
  }
  return out;
}

const needsEscape = /[\\\t\n\r]/;

export function encodeCopyField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value !== 'string') return String(value);
  if (!needsEscape.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export function encodeCopyLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i ? '\t' : '') + encodeCopyField(values[i]);
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
