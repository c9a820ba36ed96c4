import { type Document, isMap, isPair, isScalar, visit } from 'yaml';
import { AppError } from '../../../../src-shared/errors';
import type { KeyPath } from '../yaml/yaml-files';
import { parseYaml } from '../yaml/yaml-parse';

/** Keys whose values are secrets wherever they appear in a MAS config. */
const secretKeys = new Set(['encryption', 'secret', 'client_secret', 'password', 'key', 'secret_key']);
/** What the renderer sees instead of a secret. */
export const redactedValue = '<redacted>';

/**
 * Parses a MAS config the admin wrote, keeping its comments and key order so
 * the app's edits (setIn) leave everything else as it was.
 */
export function parseMasDocument(text: string, file: string): Document.Parsed {
  const { doc } = parseYaml(text, file);
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new AppError(
      'config-not-map',
      `${file} is not a MAS config: its top level is not a map of settings.`,
      'Give a MAS config file (YAML with keys at the top level).',
    );
  }
  return doc;
}

/**
 * The document as text, in the admin's sequence indentation, without folding
 * long lines. (The yaml library re-renders flow collections in its own spacing.)
 */
export function masDocumentText(doc: Document, originalText?: string): string {
  const indentSeq = originalText === undefined || !/^( *)[^\s#-][^\n]*:\n\1- /m.test(originalText);
  return doc.toString({ lineWidth: 0, indentSeq });
}

/** A database URI with a password in it is a secret too. */
function isSecretPath(path: KeyPath): boolean {
  const last = path.at(-1);
  if (typeof last !== 'string') return false;
  if (secretKeys.has(last) || (last === 'secrets' && path.length === 1)) return true;
  return last === 'uri' && path[0] === 'database';
}

/** Whether an edit at this path would touch a secret (the renderer may not set or read those). */
export function touchesSecret(path: KeyPath): boolean {
  return path.some((_, i) => isSecretPath(path.slice(0, i + 1)));
}

function uriHasPassword(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return new URL(value).password !== '';
  } catch {
    return false;
  }
}

/** Whether a scalar is a secret, by its key, the top-level section it is in, and its value. */
export type IsSecretValue = (key: string, section: string, value: unknown) => boolean;

/** A copy of the document with every value `isSecret` names replaced by a marker; comments and order stay. */
export function redactDocument(doc: Document, isSecret: IsSecretValue): Document {
  const copy = doc.clone();
  visit(copy, {
    Pair(_, pair, ancestors) {
      if (!isScalar(pair.key) || !isScalar(pair.value) || pair.value.value == null || pair.value.value === '') return;
      const key = String(pair.key.value);
      const top = ancestors.find(isPair);
      const section = top && isScalar(top.key) ? String(top.key.value) : key;
      if (isSecret(key, section, pair.value.value)) pair.value.value = redactedValue;
    },
  });
  return copy;
}

/** A copy of a MAS config with every secret value replaced by a marker; comments and order stay. */
export function redactMasDocument(doc: Document): Document {
  return redactDocument(doc, (key, section, value) =>
    key === 'uri' && section === 'database' ? uriHasPassword(value) : secretKeys.has(key),
  );
}

export interface ConfigEdit {
  path: (string | number)[];
  /** The new value; null removes the key. */
  value: unknown;
}

/**
 * Applies edits in place with the document API (setIn/deleteIn), so comments,
 * key order and untouched formatting stay as the admin wrote them. Edits that
 * touch secrets are refused unless `allowSecrets` (the renderer never may).
 */
export function applyEdits(
  doc: Document,
  edits: readonly ConfigEdit[],
  options: { allowSecrets: boolean; touchesSecret?: (path: KeyPath) => boolean },
): void {
  const secret = options.touchesSecret ?? touchesSecret;
  for (const { path } of edits) {
    if (path.length === 0) throw new AppError('edit-invalid', 'An edit must name a key.', 'Give the key path to change.');
    if (!options.allowSecrets && secret(path)) {
      throw new AppError(
        'edit-secret',
        `${path.join('.')} is a secret and cannot be edited here.`,
        'Edit secrets in the saved file directly.',
      );
    }
  }
  for (const { path, value } of edits) {
    if (value === null) doc.deleteIn(path);
    else doc.setIn(path, doc.createNode(value));
  }
}
