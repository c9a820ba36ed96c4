/**
 * A row as PostgreSQL prints a record of text columns (`ROW(…)::text`), the
 * text table-digest hashes: in parentheses, comma-separated, NULL as
 * nothing, and a value in double quotes (its `"` and `\` doubled) when it is
 * empty or holds `"`, `\`, a parenthesis, a comma or white space. The rule is
 * PostgreSQL's documented composite output syntax; white space is what C's
 * isspace() takes, which PostgreSQL's record output asks.
 */
export function recordText(values: readonly (string | null)[]): string {
  let text = '(';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) text += ',';
    const value = values[i];
    if (value === null || value === undefined) continue;
    text += value === '' || needsQuotes.test(value) ? `"${value.replace(doubled, '$&$&')}"` : value;
  }
  return `${text})`;
}

const needsQuotes = /["\\(), \t\n\v\f\r]/;
const doubled = /["\\]/g;
