/**
 * MAS's `claims_imports.subject.template` evaluated on a login's claims, for
 * the subset of Jinja this project's templates use (SPEC §12): plain text and
 * `{{ user.a.b }}` attribute paths, each optionally piped through `lower`.
 * Plain text around expressions is rendered verbatim by Jinja, so it is exact
 * too. Anything else (tags, comments, whitespace control, other filters,
 * subscripts, operators, literals, a value that is not a string or an integer)
 * is reported as not evaluable: MAS's template engine decides those, and a
 * guess here would prove nothing.
 */
export type TemplateResult =
  | { kind: 'value'; value: string }
  /** A claim the template reads is absent or null, or the whole rendering is empty. */
  | { kind: 'nothing'; missing?: string }
  | { kind: 'unevaluable'; reason: string };

/** MAS's default when `claims_imports.subject.template` is unset (its config schema says so). */
export const defaultSubjectTemplate = '{{ user.sub }}';

const identifier = '[A-Za-z_][A-Za-z0-9_]*';
const expression = new RegExp(`^\\s*(user(?:\\.${identifier})+)((?:\\s*\\|\\s*${identifier})*)\\s*$`);
/** Jinja's three opening delimiters; `}}` outside an expression is plain text. */
const opening = /\{\{|\{%|\{#/;

type Part = { text: string } | { path: string[]; filters: string[]; source: string };

function parse(template: string): Part[] | { reason: string } {
  const parts: Part[] = [];
  let rest = template;
  for (let at = rest.search(opening); at >= 0; at = rest.search(opening)) {
    if (at > 0) parts.push({ text: rest.slice(0, at) });
    const delimiter = rest.slice(at, at + 2);
    if (delimiter !== '{{') return { reason: `${delimiter === '{%' ? 'a tag {% … %}' : 'a comment {# … #}'} is not evaluated here` };
    const end = rest.indexOf('}}', at + 2);
    if (end < 0) return { reason: 'an expression {{ is never closed' };
    const source = rest.slice(at, end + 2);
    const inner = rest.slice(at + 2, end);
    if (inner.startsWith('-') || inner.startsWith('+') || inner.endsWith('-') || inner.endsWith('+'))
      return { reason: `whitespace control in ${source} is not evaluated here` };
    const match = expression.exec(inner);
    if (!match) return { reason: `${source} is not a plain attribute path such as {{ user.sub }}` };
    const filters = (match[2] ?? '')
      .split('|')
      .map((f) => f.trim())
      .filter((f) => f !== '');
    const other = filters.find((f) => f !== 'lower');
    if (other !== undefined) return { reason: `the filter "${other}" in ${source} is not evaluated here (only lower is)` };
    parts.push({ path: match[1]!.split('.').slice(1), filters, source });
    rest = rest.slice(end + 2);
  }
  if (rest !== '') parts.push({ text: rest });
  return parts;
}

function lookup(claims: Record<string, unknown>, path: string[]): unknown {
  let value: unknown = claims;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The subject MAS would compute from these claims, or why it cannot be told. */
export function evaluateSubjectTemplate(template: string, claims: Record<string, unknown>): TemplateResult {
  const parts = parse(template);
  if (!Array.isArray(parts)) return { kind: 'unevaluable', reason: parts.reason };
  let out = '';
  for (const part of parts) {
    if ('text' in part) {
      out += part.text;
      continue;
    }
    const value = lookup(claims, part.path);
    const name = `user.${part.path.join('.')}`;
    if (value === undefined || value === null) return { kind: 'nothing', missing: name };
    let text: string;
    if (typeof value === 'string') text = value;
    else if (typeof value === 'number' && Number.isSafeInteger(value) && part.filters.length === 0) text = String(value);
    else return { kind: 'unevaluable', reason: `${name} is ${describe(value)}, whose rendering by MAS is not evaluated here` };
    for (const _ of part.filters) text = text.toLowerCase();
    out += text;
  }
  return out === '' ? { kind: 'nothing' } : { kind: 'value', value: out };
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return 'a number';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
