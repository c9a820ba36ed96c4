import { access, readFile } from 'node:fs/promises';
import type { SecretFileView } from '../../../src-shared/domain/config';
import { type KeyPath, keyPathText, type MergedYaml } from './yaml/yaml-files';

export interface SecretFile extends SecretFileView {
  /** Known only when the file could be read. */
  value?: string;
}

/**
 * Reads a secret file that lives on the server the config belongs to.
 * Returns undefined when the file cannot be reached from here (the value is then unknown).
 */
export type ReadSecretFile = (path: string) => Promise<string | undefined>;

/** Local default: read the file only when it exists on this machine. */
export const readLocalSecretFile: ReadSecretFile = async (path) => {
  try {
    await access(path);
  } catch {
    return undefined;
  }
  return (await readFile(path, 'utf8')).replace(/\r?\n$/, '');
};

/** `*_path` / `*_file` keys that name a file holding a secret (not media or log paths). */
const secretKey = /(^|_)(secret|password|pepper|passphrase|key|encryption)_(path|file)$/;

function collect(value: unknown, path: KeyPath, suffixes: RegExp, out: { keyPath: KeyPath; file: string }[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      collect(item, [...path, index], suffixes, out);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (typeof child === 'string' && secretKey.test(key) && suffixes.test(key)) out.push({ keyPath: [...path, key], file: child });
      else collect(child, [...path, key], suffixes, out);
    }
  }
}

/**
 * Every secret given by path in the config (SPEC §1.1), with its value when
 * `read` could reach the file; otherwise the value is unknown ("on the server").
 */
export async function resolveSecretFiles(merged: MergedYaml, suffixes: RegExp, read: ReadSecretFile): Promise<SecretFile[]> {
  const found: { keyPath: KeyPath; file: string }[] = [];
  collect(merged.value, [], suffixes, found);
  return Promise.all(
    found.map(async ({ keyPath, file }) => {
      const value = await read(file).catch(() => undefined);
      return value === undefined
        ? { key: keyPathText(keyPath), file, status: 'on-server' as const }
        : { key: keyPathText(keyPath), file, status: 'read' as const, value };
    }),
  );
}

/** A secret set inline or by file: the value when known, `unknown` when only the file is named, undefined when neither. */
export function knownSecret(
  files: readonly SecretFile[],
  inline: string | null | undefined,
  fileKey: string,
): string | 'unknown' | undefined {
  if (inline != null) return inline;
  const file = files.find((s) => s.key === fileKey);
  if (!file) return undefined;
  return file.value ?? 'unknown';
}
