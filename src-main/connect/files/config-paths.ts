import { AppError } from '../../../src-shared/errors';
import type { FileAccess } from './file-access';

/** What reading config paths needs; `list` only where a path may be a folder (FileAccess has both). */
export type ConfigFileReader = Pick<FileAccess, 'readText'> & Partial<Pick<FileAccess, 'list'>>;

export interface ConfigText {
  path: string;
  text: string;
}

/** An entry of a config folder that was not read, and why (the server skips it too). */
export interface SkippedEntry {
  path: string;
  folder: string;
  reason: 'folder' | 'not-yaml' | 'not-a-file';
}

export interface ConfigTexts {
  /** Every file read, in merge order (a folder's files in its place). */
  texts: ConfigText[];
  skipped: SkippedEntry[];
  /** The paths that were folders. */
  folders: string[];
}

const hasList = (reader: ConfigFileReader): reader is Required<ConfigFileReader> => reader.list !== undefined;
const isCode = (error: unknown, code: string) => error instanceof AppError && error.code === code;

/** Python sorts strings by code point, which is the byte order of their UTF-8. */
const byCodePoint = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

function inFolder(folder: string, name: string): string {
  if (folder.endsWith('/') || folder.endsWith('\\')) return `${folder}${name}`;
  return `${folder}${folder.includes('\\') && !folder.includes('/') ? '\\' : '/'}${name}`;
}

/**
 * SPEC §1.1, as Synapse reads its --config-path arguments: a folder stands for
 * the files directly inside it whose names end in `.yaml`, in sorted order;
 * subfolders and other names (`.yml` too) are skipped. A link counts as what it
 * points to.
 */
async function readFolder(reader: Required<ConfigFileReader>, folder: string, out: ConfigTexts): Promise<void> {
  const entries = [...(await reader.list(folder))].sort((a, b) => byCodePoint(a.name, b.name));
  for (const entry of entries) {
    const path = inFolder(folder, entry.name);
    const skip = (reason: SkippedEntry['reason']) => out.skipped.push({ path, folder, reason });
    if (entry.type === 'directory') skip('folder');
    else if (entry.type === 'other') skip('not-a-file');
    else if (!entry.name.endsWith('.yaml')) skip('not-yaml');
    else {
      try {
        out.texts.push({ path, text: await reader.readText(path) });
      } catch (error) {
        if (isCode(error, 'file-is-directory')) skip('folder');
        else if (entry.type === 'link' && isCode(error, 'file-missing')) skip('not-a-file');
        else throw error;
      }
    }
  }
}

/**
 * Reads config paths in order. With `folders`, a path that is a folder is read
 * as Synapse reads one; otherwise a folder is refused like any unreadable file.
 */
export async function readConfigPaths(
  reader: ConfigFileReader,
  paths: readonly string[],
  options: { folders: boolean },
): Promise<ConfigTexts> {
  const out: ConfigTexts = { texts: [], skipped: [], folders: [] };
  for (const path of paths) {
    try {
      out.texts.push({ path, text: await reader.readText(path) });
    } catch (error) {
      if (!options.folders || !hasList(reader) || !isCode(error, 'file-is-directory')) throw error;
      out.folders.push(path);
      await readFolder(reader, path, out);
    }
  }
  return out;
}
