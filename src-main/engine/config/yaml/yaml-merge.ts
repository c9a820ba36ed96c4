import { isMap, isSeq } from 'yaml';

/**
 * How a server merges its config files, in order:
 * - `shallow` (Synapse, SPEC §1.1): a later file's top-level key replaces that whole section;
 * - `deep-concat` (mas-cli, SPEC §1.3): maps merge key by key, arrays are concatenated, any other later value wins.
 */
export type MergeRule = 'shallow' | 'deep-concat';

type PlainMap = Record<string, unknown>;

function isPlainMap(value: unknown): value is PlainMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets an own key, even `__proto__`, without touching the object's prototype. */
function setOwn(target: PlainMap, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function mergeDeepConcat(base: unknown, over: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(over)) return [...base, ...over];
  if (!isPlainMap(base) || !isPlainMap(over)) return over;
  const out: PlainMap = {};
  for (const [key, value] of Object.entries(base)) setOwn(out, key, value);
  for (const [key, value] of Object.entries(over)) setOwn(out, key, Object.hasOwn(base, key) ? mergeDeepConcat(base[key], value) : value);
  return out;
}

/** The files' top-level maps merged by the rule. */
export function mergeFiles(values: readonly PlainMap[], rule: MergeRule): PlainMap {
  const out: PlainMap = {};
  for (const value of values) {
    for (const [key, inner] of Object.entries(value)) {
      setOwn(out, key, rule === 'deep-concat' && Object.hasOwn(out, key) ? mergeDeepConcat(out[key], inner) : inner);
    }
  }
  return out;
}

const sameCollectionKind = (a: unknown, b: unknown) => (isMap(a) && isMap(b)) || (isSeq(a) && isSeq(b));

/**
 * Of the nodes found at one key path in each file (in file order), those that
 * make up the merged value there: the run the rule combines, ending with the
 * last file's. `depth` 0 is the files' top level, which every rule combines.
 */
export function contributingNodes<T extends { node: unknown }>(found: readonly T[], depth: number, rule: MergeRule): T[] {
  let run: T[] = [];
  for (const item of found) {
    const combines = run.length > 0 && (depth === 0 || rule === 'deep-concat') && sameCollectionKind(run[0]!.node, item.node);
    run = combines ? [...run, item] : [item];
  }
  return run;
}
