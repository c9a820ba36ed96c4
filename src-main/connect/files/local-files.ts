import { copyFile, constants, lstat, open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import { writeFileAtomic } from './atomic-file';
import {
  byFolderThenName,
  entryType,
  type FileAccess,
  type FileEntry,
  isFolderError,
  keepBackup,
  maxConfigFileBytes,
  readAtMost,
  tooLargeError,
} from './file-access';

const where = 'this computer';

function fileError(error: unknown, path: string, action: string): AppError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new AppError('file-missing', `${path} does not exist on this computer.`, 'Check the path.');
  if (code === 'EISDIR') return isFolderError(path, where);
  if (code === 'EACCES' || code === 'EPERM')
    return new AppError('file-denied', `This computer's user may not ${action} ${path}.`, 'Check the file permissions.');
  return new AppError('file-failed', `Cannot ${action} ${path} (${code ?? (error as Error).message}).`, 'Check the path.');
}

/** Files on this computer. */
export const localFiles: FileAccess = {
  where,

  async readText(path) {
    try {
      const info = await stat(path);
      if (info.isDirectory()) throw isFolderError(path, where);
      if (info.size > maxConfigFileBytes) throw tooLargeError(path, where, info.size);
      // Read sequentially and at most one byte past the limit: a pipe, a device or a growing file reports no true size.
      const handle = await open(path, 'r');
      try {
        const bytes = await readAtMost(async (buffer) => (await handle.read(buffer, 0, buffer.length, null)).bytesRead);
        if (!bytes) throw tooLargeError(path, where);
        return bytes.toString('utf8');
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw error instanceof AppError ? error : fileError(error, path, 'read');
    }
  },

  async writeTextWithBackup(path, text) {
    let mode = 0o600;
    let backupPath: string | undefined;
    try {
      const info = await stat(path);
      mode = info.mode & 0o777;
      backupPath = await keepBackup(
        path,
        (backup) => copyFile(path, backup, constants.COPYFILE_EXCL),
        (error) => (error as NodeJS.ErrnoException).code === 'EEXIST',
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fileError(error, path, 'back up');
      backupPath = undefined;
    }
    try {
      await writeFileAtomic(path, text, mode);
    } catch (error) {
      throw fileError(error, path, 'write');
    }
    return backupPath ? { backupPath } : {};
  },

  async list(path) {
    try {
      const names = await readdir(path);
      const entries: FileEntry[] = [];
      for (const name of names) {
        const info = await lstat(join(path, name)).catch(() => undefined);
        if (info) entries.push({ name, type: entryType(info.mode), size: info.size, modifiedAt: info.mtime.toISOString() });
      }
      return entries.sort(byFolderThenName);
    } catch (error) {
      throw fileError(error, path, 'list');
    }
  },
};
