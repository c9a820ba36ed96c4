import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { AppError } from '../../../../src-shared/errors';
import { maxConfigFileBytes, tooLargeError } from '../../../connect/files/file-access';

/** Deeper than any real Synapse or MAS config (about 6 levels), shallow enough for every recursive walker. */
export const maxNestingDepth = 64;
/** yaml's guard against alias expansion ("billion laughs"): an anchor may be expanded this often, weighted by the aliases inside it. */
const maxAliasCount = 100;

/**
 * Which YAML a reader speaks: Synapse reads its config with PyYAML, YAML 1.1
 * (`yes`, `no`, `on`, `off` are booleans, `<<` merges maps); MAS with a YAML
 * 1.2 reader, where those are plain strings.
 */
export type YamlVersion = '1.1' | '1.2';

export interface ParsedYaml {
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The document as plain data (aliases expanded). */
  value: unknown;
}

const lineOf = (lineCounter: LineCounter, node: Node | null | undefined) =>
  node?.range ? lineCounter.linePos(node.range[0]).line : undefined;

function yamlError(file: string, line: number | undefined, what: string, hint: string): AppError {
  return new AppError('config-yaml', `${file}${line === undefined ? '' : ` line ${line}`}: ${what}.`, hint);
}

function tooDeep(file: string, line: number | undefined): AppError {
  return yamlError(
    file,
    line,
    `nested more than ${maxNestingDepth} levels deep, which no config needs`,
    'Check that this is the config file, and flatten the nesting.',
  );
}

/**
 * The first repeated key of any map, found in linear time. (yaml's own uniqueKeys
 * check compares every key with every other: a map of 100,000 keys took minutes.)
 */
function firstDuplicateKey(doc: Document.Parsed): Node | undefined {
  const pending: unknown[] = [doc.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isSeq(node)) pending.push(...node.items);
    if (!isMap(node)) continue;
    const seen = new Set<string>();
    for (const pair of node.items) {
      pending.push(pair.value);
      if (!isScalar(pair.key)) continue;
      // Typed, as YAML compares keys: 1 and "1" are different keys.
      const id = `${typeof pair.key.value}:${String(pair.key.value)}`;
      if (seen.has(id)) return pair.key;
      seen.add(id);
    }
  }
  return undefined;
}

/** The top-level key under which the data (aliases expanded) nests too deeply, or undefined. */
function tooDeepUnder(value: unknown): string | undefined {
  const pending: [unknown, number, string][] = [[value, 0, '']];
  while (pending.length > 0) {
    const [node, depth, top] = pending.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= maxNestingDepth) return top;
    for (const [key, child] of Object.entries(node)) pending.push([child, depth + 1, depth === 0 ? key : top]);
  }
  return undefined;
}

/**
 * Parses one config file keeping positions, refusing what could exhaust the
 * host: more than maxConfigFileBytes, nesting beyond maxNestingDepth, and alias
 * bombs. Every refusal is an AppError naming the file (and line when known).
 */
export function parseYaml(text: string, file: string, version: YamlVersion = '1.2'): ParsedYaml {
  const bytes = Buffer.byteLength(text);
  if (bytes > maxConfigFileBytes) throw tooLargeError(file, undefined, bytes);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, version });
  const [first] = doc.errors;
  if (first) {
    const { line } = lineCounter.linePos(first.pos[0]);
    // yaml reports the composer running out of stack as a syntax error.
    if (first.message.includes('Maximum call stack size exceeded')) throw tooDeep(file, line);
    throw yamlError(file, line, `not valid YAML (${first.message.split('\n')[0]})`, 'Fix the YAML syntax at that line and try again.');
  }
  const duplicate = firstDuplicateKey(doc);
  if (duplicate) {
    throw yamlError(
      file,
      lineOf(lineCounter, duplicate),
      `not valid YAML (Map keys must be unique: "${String((duplicate as { value?: unknown }).value)}" is repeated)`,
      'Keep one of the two keys.',
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (/alias count/i.test(reason)) {
      throw yamlError(
        file,
        undefined,
        `its aliases (*name) would expand into an enormous document ("billion laughs"); yaml stops at ${maxAliasCount} expansions of an anchor`,
        'Write the repeated values out instead of aliasing aliases.',
      );
    }
    if (error instanceof RangeError) throw tooDeep(file, undefined);
    throw yamlError(file, undefined, `not valid YAML (${reason})`, 'Fix the aliases and anchors (&name, *name) and try again.');
  }
  const deep = tooDeepUnder(value);
  if (deep !== undefined)
    throw tooDeep(file, lineOf(lineCounter, isMap(doc.contents) ? (doc.contents.get(deep, true) as Node) : undefined));
  return { doc, lineCounter, value };
}
