import { readFile } from 'node:fs/promises';
import { type Document, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { AppError } from '../../../src-shared/errors';

/** Reads one config file as text; hosts that reach files over SFTP pass their own. */
export type ReadText = (path: string) => Promise<string>;

export type KeyPath = readonly (string | number)[];

export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/** Several YAML files merged in order, remembering where each key came from. */
export interface MergedYaml {
  files: string[];
  value: Record<string, unknown>;
  sources: YamlSource[];
}

export interface Location {
  file: string;
  line?: number;
}

const readLocal: ReadText = (path) => readFile(path, 'utf8');

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** SPEC §1.1: maps merge key by key (deeply); for any other value the later file wins. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainMap(base) || !isPlainMap(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = Object.hasOwn(base, key) ? deepMerge(base[key], value) : value;
  return out;
}

export function keyPathText(path: KeyPath): string {
  return path.length === 0
    ? '(top level)'
    : path
        .map((p) => (typeof p === 'number' ? `[${p}]` : p))
        .join('.')
        .replaceAll('.[', '[');
}

/** Parses YAML keeping positions; throws AppError naming the file and line of the first syntax error. */
export function parseYaml(text: string, file: string): { doc: Document.Parsed; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const [first] = doc.errors;
  if (first) {
    const { line } = lineCounter.linePos(first.pos[0]);
    throw new AppError(
      'config-yaml',
      `${file} line ${line}: not valid YAML (${first.message.split('\n')[0]}).`,
      'Fix the YAML syntax at that line and try again.',
    );
  }
  return { doc, lineCounter };
}

async function readSource(file: string, kind: string, readText: ReadText): Promise<YamlSource> {
  let text: string;
  try {
    text = await readText(file);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, `Cannot read the ${kind} config: ${error.message}`, error.hint);
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new AppError(
      'config-unreadable',
      `Cannot read the ${kind} config ${file} (${reason}).`,
      'Check the path and that this user may read the file.',
    );
  }
  const { doc, lineCounter } = parseYaml(text, file);
  const root = doc.contents;
  if (root !== null && !isMap(root) && !(isScalar(root) && root.value === null)) {
    throw new AppError(
      'config-not-map',
      `${file} is not a ${kind} config: its top level is ${isSeq(root) ? 'a list' : 'a single value'}, not a map of settings.`,
      `Give the path of the ${kind} config file (YAML with keys at the top level).`,
    );
  }
  return { file, doc, lineCounter };
}

/** Reads and merges the files in order; throws AppError naming the file (and line) on the first unreadable or malformed one. */
export async function loadYamlFiles(files: readonly string[], kind: string, readText: ReadText = readLocal): Promise<MergedYaml> {
  if (files.length === 0)
    throw new AppError('config-missing', `No ${kind} config file was given.`, `Give at least one ${kind} config file.`);
  const sources = await Promise.all(files.map((file) => readSource(file, kind, readText)));
  let value: unknown = {};
  for (const source of sources) {
    const js: unknown = source.doc.toJS({ maxAliasCount: 1000 });
    if (isPlainMap(js)) value = deepMerge(value, js);
  }
  return { files: [...files], value: value as Record<string, unknown>, sources };
}

/**
 * The file and line that gave the value at `path` after merging: the last file
 * holding the key, or the last one holding a non-map prefix of it (that value
 * replaced whatever earlier files had below it).
 */
export function locate(merged: MergedYaml, path: KeyPath): Location {
  for (const source of [...merged.sources].reverse()) {
    let node: unknown = source.doc.contents;
    let depth = 0;
    for (const segment of path) {
      if (!isMap(node) && !isSeq(node)) break;
      const next: unknown = node.get(segment, true);
      if (next === undefined) break;
      node = next;
      depth++;
    }
    const found = depth === path.length || (depth > 0 && !isMap(node));
    if (!found) continue;
    const range = (node as { range?: [number, number, number] }).range;
    return range ? { file: source.file, line: source.lineCounter.linePos(range[0]).line } : { file: source.file };
  }
  return { file: merged.files.at(-1) ?? '' };
}

/** "homeserver.yaml line 12: database.args.port" — how findings and errors point at a key. */
export function describeKey(merged: MergedYaml, path: KeyPath): string {
  const { file, line } = locate(merged, path);
  return `${file}${line === undefined ? '' : ` line ${line}`}: ${keyPathText(path)}`;
}
