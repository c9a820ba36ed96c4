import { AppError } from '../../../src-shared/errors';

/** A file or folder as the file browser shows it. */
export interface FileEntry {
  name: string;
  type: 'file' | 'directory' | 'link' | 'other';
  size: number;
  modifiedAt: string;
}

/** Config files on this computer or on a server over SFTP, with the same operations. */
export interface FileAccess {
  /** `this computer` or `user@host:port`, for messages. */
  readonly where: string;
  /** The text of a config file; refuses a folder (`file-is-directory`) and anything over maxConfigFileBytes. */
  readText(path: string): Promise<string>;
  /** Replaces a file, first keeping its old content as `<path>.bak-<UTC timestamp>` beside it. */
  writeTextWithBackup(path: string, text: string): Promise<{ backupPath?: string }>;
  list(path: string): Promise<FileEntry[]>;
}

/**
 * Config files larger than this are refused, and reading stops there (a device or a growing file cannot
 * exhaust memory). The largest real homeserver.yaml (Synapse's fully commented sample) is about 130 KiB;
 * parsing YAML costs about 1.5 s of CPU and 200 MiB per MiB in the worst shapes, so 2 MiB bounds it to a few seconds.
 */
export const maxConfigFileBytes = 2 * 1024 * 1024;
const maxConfigFileText = '2 MiB';

/** How many bytes one read asks for. */
const chunkBytes = 64 * 1024;

/** `where` names the machine (this computer, user@host) when the file was read from one. */
export function tooLargeError(path: string, where: string | undefined, size?: number): AppError {
  const limit = `a config file may be at most ${maxConfigFileText} (${maxConfigFileBytes} bytes)`;
  const file = where === undefined ? path : `${path} on ${where}`;
  return new AppError(
    'file-too-large',
    size === undefined ? `${file} holds more than ${maxConfigFileText}; ${limit}.` : `${file} is ${size} bytes; ${limit}.`,
    'Choose the config file itself (homeserver.yaml, config.yaml, a conf.d folder), not a log, a dump or a device.',
  );
}

/** Reading a folder as a file: the Synapse loader catches this code to read the folder's *.yaml files instead. */
export function isFolderError(path: string, where: string): AppError {
  return new AppError(
    'file-is-directory',
    `${path} on ${where} is a folder, not a file.`,
    'Give the path of a config file (a folder only where a folder of config files is accepted).',
  );
}

/**
 * Reads with `read` (which fills a buffer and says how many bytes it put there, 0 at the end) until the end,
 * or returns undefined as soon as more than `max` bytes came: never more than max + 1 bytes are read.
 */
export async function readAtMost(read: (buffer: Buffer) => Promise<number>, max = maxConfigFileBytes): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buffer = Buffer.allocUnsafe(Math.min(chunkBytes, max + 1 - total));
    const count = await read(buffer);
    if (count === 0) return Buffer.concat(chunks, total);
    chunks.push(buffer.subarray(0, count));
    total += count;
    if (total > max) return undefined;
  }
}

/** `<path>.bak-20260127-081500`: sorts by time and says what it is. */
export function backupPathFor(path: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${path}.bak-${stamp}`;
}

/**
 * Keeps a backup at the first free name of `<path>.bak-<stamp>`, `…-2`, `…-3`:
 * two saves within one second (Dex's config and the MAS config saved again
 * right after) each keep theirs. `keep` must refuse an existing name with
 * `taken(error)` true.
 */
export async function keepBackup(
  path: string,
  keep: (backupPath: string) => Promise<void>,
  taken: (error: unknown) => boolean,
): Promise<string> {
  const first = backupPathFor(path);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? first : `${first}-${n}`;
    try {
      await keep(candidate);
      return candidate;
    } catch (error) {
      if (n >= 100 || !taken(error)) throw error;
    }
  }
}

export function entryType(mode: number): FileEntry['type'] {
  const kind = mode & 0o170000;
  if (kind === 0o100000) return 'file';
  if (kind === 0o040000) return 'directory';
  if (kind === 0o120000) return 'link';
  return 'other';
}

export function byFolderThenName(a: FileEntry, b: FileEntry): number {
  if ((a.type === 'directory') !== (b.type === 'directory')) return a.type === 'directory' ? -1 : 1;
  return a.name.localeCompare(b.name);
}
