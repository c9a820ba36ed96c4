import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { EditorProblem } from '../../components/CodeEditor';

export type KeyPath = (string | number)[];
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export interface ConfigEdit {
  path: KeyPath;
  /** The new value; null removes the key. */
  value: Json;
}

/** What main shows instead of a secret: such values are never sent back. */
export const redacted = '<redacted>';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function containsRedacted(v: unknown): boolean {
  if (v === redacted) return true;
  if (Array.isArray(v)) return v.some(containsRedacted);
  if (isPlainObject(v)) return Object.values(v).some(containsRedacted);
  return false;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function set(path: KeyPath, value: unknown, out: ConfigEdit[]): void {
  if (containsRedacted(value)) {
    throw new Error(
      `${path.join('.')}: a value shown as ${redacted} cannot be moved or copied here; secrets are only changed in the saved file itself.`,
    );
  }
  out.push({ path, value: value === undefined ? null : (value as Json) });
}

/** The key-by-key edits that turn `before` into `after`, leaving untouched keys (and secrets) alone. */
function diff(before: unknown, after: unknown, path: KeyPath, out: ConfigEdit[]): void {
  if (same(before, after)) return;
  if (isPlainObject(before) && isPlainObject(after)) {
    for (const key of Object.keys(after)) {
      if (key in before) diff(before[key], after[key], [...path, key], out);
      else set([...path, key], after[key], out);
    }
    for (const key of Object.keys(before)) if (!(key in after)) out.push({ path: [...path, key], value: null });
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (const [i, item] of after.entries()) {
      if (i < before.length) diff(before[i], item, [...path, i], out);
      else set([...path, i], item, out);
    }
    for (let i = before.length - 1; i >= after.length; i--) out.push({ path: [...path, i], value: null });
    return;
  }
  if (path.length === 0) throw new Error('The MAS config must be a map of settings.');
  set(path, after, out);
}

function parse(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) throw new Error(`Not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  return doc.toJS() ?? {};
}

/** Edits for main's draft from the editor text, compared with the preview it started from. */
export function editsBetween(beforeText: string, afterText: string): ConfigEdit[] {
  const out: ConfigEdit[] = [];
  diff(parse(beforeText), parse(afterText), [], out);
  return out;
}

/** YAML syntax errors, found as the admin types. */
export function syntaxProblems(text: string): EditorProblem[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  return doc.errors.map((e) => {
    const { line, col } = lineCounter.linePos(e.pos[0]);
    return { line, column: col, severity: 'error' as const, message: e.message.split('\n')[0]! };
  });
}

/** The line of the value at a JSON pointer (`/upstream_oauth2/providers/0/issuer`), or of its closest parent. */
export function lineOfPointer(text: string, pointer: string): number {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  let node: unknown = doc.contents;
  let line = 1;
  for (const raw of pointer.split('/').filter(Boolean)) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isMap(node) && !isSeq(node)) break;
    const next: unknown = node.get(isSeq(node) ? Number(segment) : segment, true);
    if (next === undefined) break;
    node = next;
    const range = (node as { range?: [number, number, number] }).range;
    if (range) line = lineCounter.linePos(range[0]).line;
  }
  return line;
}
