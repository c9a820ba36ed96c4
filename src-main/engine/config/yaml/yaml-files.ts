import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter } from 'yaml';
import type { ConfigLoadWarning } from '../../../../src-shared/domain/config';
import { AppError } from '../../../../src-shared/errors';
import { type ConfigFileReader, readConfigPaths, type SkippedEntry } from '../../../connect/files/config-paths';
import { localFiles } from '../../../connect/files/local-files';
import { contributingNodes, type MergeRule, mergeFiles } from './yaml-merge';
import { parseYaml, type YamlVersion } from './yaml-parse';

export type KeyPath = readonly (string | number)[];

export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/** Several YAML files merged in order, remembering where each key came from. */
export interface MergedYaml {
  /** The files merged, in order (a folder's files in its place; skipped files left out). */
  files: string[];
  value: Record<string, unknown>;
  sources: YamlSource[];
  merge: MergeRule;
  warnings: ConfigLoadWarning[];
}

/** How a server reads its config paths. */
export interface ReadingRules {
  kind: 'Synapse' | 'MAS';
  merge: MergeRule;
  /** A folder stands for its `*.yaml` files. */
  folders: boolean;
  /** An empty or non-map file is skipped with a warning (else: empty adds nothing, non-map is an error). */
  skipNonMaps: boolean;
  /** The YAML the server's own reader speaks. */
  yaml: YamlVersion;
}

export interface Location {
  file: string;
  line?: number;
}

export function keyPathText(path: KeyPath): string {
  return path.length === 0
    ? '(top level)'
    : path
        .map((p) => (typeof p === 'number' ? `[${p}]` : p))
        .join('.')
        .replaceAll('.[', '[');
}

function readFailure(error: unknown, kind: string, file: string): AppError {
  if (error instanceof AppError) return new AppError(error.code, `Cannot read the ${kind} config: ${error.message}`, error.hint);
  const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
  return new AppError(
    'config-unreadable',
    `Cannot read the ${kind} config ${file} (${reason}).`,
    'Check the path and that this user may read the file.',
  );
}

async function readAll(paths: readonly string[], rules: ReadingRules, reader: ConfigFileReader) {
  try {
    return await readConfigPaths(reader, paths, { folders: rules.folders });
  } catch (error) {
    throw readFailure(error, rules.kind, paths.join(', '));
  }
}

const skippedWhy: Record<SkippedEntry['reason'], string> = {
  folder: 'it is a subfolder',
  'not-yaml': 'its name does not end in .yaml',
  'not-a-file': 'it is not a file (or is a broken link)',
};

function skippedEntryWarning(entry: SkippedEntry): ConfigLoadWarning {
  return {
    id: 'config-folder-entry-skipped',
    message: `${entry.path} was not read: ${skippedWhy[entry.reason]}, and Synapse reads only the .yaml files directly in ${entry.folder}.`,
    fix:
      entry.reason === 'not-yaml'
        ? 'Nothing to do if Synapse should ignore it; otherwise rename it to end in .yaml (.yml is ignored too).'
        : 'Nothing to do if Synapse should ignore it; otherwise move its settings into a .yaml file of the folder.',
    source: entry.path,
  };
}

const emptyFile = 'it is empty';

function notAMap(root: unknown): string {
  if (root === null || (isScalar(root) && root.value === null)) return emptyFile;
  return `its top level is ${isSeq(root) ? 'a list' : 'a single value'}, not a map of settings`;
}

/**
 * Reads the paths and merges the files in order by the server's rules.
 * Throws AppError naming the file (and line) of the first unreadable or malformed one.
 */
export async function loadYamlFiles(
  paths: readonly string[],
  rules: ReadingRules,
  reader: ConfigFileReader = localFiles,
): Promise<MergedYaml> {
  const { kind } = rules;
  if (paths.length === 0)
    throw new AppError('config-missing', `No ${kind} config file was given.`, `Give at least one ${kind} config file.`);
  const read = await readAll(paths, rules, reader);
  const warnings = read.skipped.map(skippedEntryWarning);
  if (read.texts.length === 0) {
    throw new AppError(
      'config-missing',
      `${read.folders.join(', ')} holds no .yaml file, so no ${kind} config was read.`,
      'Give the folder that holds the config files (such as conf.d) or the files themselves.',
    );
  }
  const files: string[] = [];
  const sources: YamlSource[] = [];
  const values: Record<string, unknown>[] = [];
  const notMaps: { path: string; why: string }[] = [];
  for (const { path, text } of read.texts) {
    const { doc, lineCounter, value } = parseYaml(text, path, rules.yaml);
    const root = doc.contents;
    if (isMap(root)) {
      files.push(path);
      sources.push({ file: path, doc, lineCounter });
      values.push(value as Record<string, unknown>);
      continue;
    }
    const why = notAMap(root);
    if (rules.skipNonMaps) {
      notMaps.push({ path, why });
      warnings.push({
        id: 'config-file-skipped',
        message: `${path} was not read: ${why}, and ${kind} ignores such a file.`,
        fix: 'Nothing to do if that is intended; otherwise put the settings in it as keys at the top level.',
        source: path,
      });
    } else if (why === emptyFile) {
      files.push(path);
    } else {
      throw new AppError(
        'config-not-map',
        `${path} is not a ${kind} config: ${why}.`,
        `Give the path of the ${kind} config file (YAML with keys at the top level).`,
      );
    }
  }
  if (files.length === 0) {
    const [only] = notMaps;
    throw new AppError(
      'config-not-map',
      notMaps.length === 1 && only
        ? `${only.path} is not a ${kind} config: ${only.why}.`
        : `No ${kind} settings were read: ${notMaps.map((n) => `${n.path}: ${n.why}`).join('; ')}.`,
      `Give the path of the ${kind} config file (YAML with keys at the top level).`,
    );
  }
  return { files, value: mergeFiles(values, rules.merge), sources, merge: rules.merge, warnings };
}

interface Found {
  source: YamlSource;
  node: unknown;
}

function child(found: Found, segment: string | number): Found | undefined {
  if (!isMap(found.node) && !isSeq(found.node)) return undefined;
  const node: unknown = found.node.get(segment, true);
  if (node === undefined) return undefined;
  return { source: found.source, node: isAlias(node) ? node.resolve(found.source.doc) : node };
}

function locationOf(found: Found): Location {
  const range = (found.node as { range?: [number, number, number] } | null)?.range;
  return range ? { file: found.source.file, line: found.source.lineCounter.linePos(range[0]).line } : { file: found.source.file };
}

/**
 * The file and line that gave the value at `path` after merging (by the
 * merge rule): the last file whose value there survived the merge, or the
 * value that replaced a prefix of the path. An index into a concatenated list
 * is followed into the file that contributed that item.
 */
export function locate(merged: MergedYaml, path: KeyPath): Location {
  let here: Found[] = merged.sources.map((source) => ({ source, node: source.doc.contents }));
  for (const [depth, segment] of path.entries()) {
    const parts = contributingNodes(here, depth, merged.merge);
    const last = parts.at(-1);
    if (!last) break;
    // A value that is not a collection replaced whatever earlier files had below it.
    if (!isMap(last.node) && !isSeq(last.node)) return locationOf(last);
    if (isSeq(last.node) && typeof segment === 'number') {
      let index = segment;
      const holder = parts.find((p) => {
        const items = (p.node as { items: unknown[] }).items.length;
        if (index < items) return true;
        index -= items;
        return false;
      });
      here = holder ? [child(holder, index)].filter((f): f is Found => f !== undefined) : [];
    } else {
      here = parts.map((p) => child(p, segment)).filter((f): f is Found => f !== undefined);
    }
  }
  const found = contributingNodes(here, path.length, merged.merge).at(-1);
  return found ? locationOf(found) : { file: merged.files.at(-1) ?? '' };
}

/** "homeserver.yaml line 12: database.args.port" — how findings and errors point at a key. */
export function describeKey(merged: MergedYaml, path: KeyPath): string {
  const { file, line } = locate(merged, path);
  return `${file}${line === undefined ? '' : ` line ${line}`}: ${keyPathText(path)}`;
}
