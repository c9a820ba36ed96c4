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
  readText(path: string): Promise<string>;
  /** Replaces a file, first keeping its old content as `<path>.bak-<UTC timestamp>` beside it. */
  writeTextWithBackup(path: string, text: string): Promise<{ backupPath?: string }>;
  list(path: string): Promise<FileEntry[]>;
}

/** Files larger than this are not config files: refuse rather than load them. */
export const maxConfigFileBytes = 16 * 1024 * 1024;

/** `<path>.bak-20260127-081500`: sorts by time and says what it is. */
export function backupPathFor(path: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${path}.bak-${stamp}`;
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
