import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type { SFTPWrapper, Stats } from 'ssh2';
import { AppError } from '../../../src-shared/errors';
import type { SshSession } from '../ssh/ssh-session';
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

const sftpNoSuchFile = 2;
const sftpPermissionDenied = 3;

function call<T>(fn: (done: (error: Error | null | undefined, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((error, value) => (error ? reject(error) : resolve(value))));
}

/** Config files on the server at the end of an SSH session, over SFTP. */
export function sftpFiles(session: SshSession): FileAccess {
  const where = session.description.split(' → ').at(-1)!;

  const fail = (error: unknown, path: string, action: string): AppError => {
    if (error instanceof AppError) return error;
    const code = (error as { code?: number }).code;
    if (code === sftpNoSuchFile)
      return new AppError('file-missing', `${path} does not exist on ${where}.`, 'Check the path on the server (browse to it).');
    if (code === sftpPermissionDenied)
      return new AppError(
        'file-denied',
        `The SSH user may not ${action} ${path} on ${where}.`,
        'Log in as a user that may, or change the file permissions on the server.',
      );
    return new AppError(
      'file-failed',
      `Cannot ${action} ${path} on ${where} (${(error as Error).message}).`,
      'Check the path on the server.',
    );
  };

  async function withSftp<T>(path: string, action: string, fn: (sftp: SFTPWrapper) => Promise<T>): Promise<T> {
    const sftp = await session.sftp();
    try {
      return await fn(sftp);
    } catch (error) {
      throw session.lastDrop ?? fail(error, path, action);
    } finally {
      sftp.end();
    }
  }

  const statOf = (sftp: SFTPWrapper, path: string) => call<Stats>((done) => sftp.stat(path, done));
  const read = (sftp: SFTPWrapper, path: string) => call<Buffer>((done) => sftp.readFile(path, done));
  /** At most one byte past the limit crosses the network, whatever size the server reported. */
  const readBounded = async (sftp: SFTPWrapper, path: string) => {
    const handle = await call<Buffer>((done) => sftp.open(path, 'r', done));
    let position = 0;
    try {
      return await readAtMost(async (buffer) => {
        const count = await call<number>((done) => sftp.read(handle, buffer, 0, buffer.length, position, done));
        position += count;
        return count;
      });
    } finally {
      await call<void>((done) => sftp.close(handle, (error) => done(error, undefined))).catch(() => {});
    }
  };
  const write = (sftp: SFTPWrapper, path: string, data: Buffer | string, mode: number, flag: string) =>
    call<void>((done) => sftp.writeFile(path, data, { mode, flag }, (error) => done(error, undefined)));

  return {
    where,

    readText: (path) =>
      withSftp(path, 'read', async (sftp) => {
        const info = await statOf(sftp, path);
        if (info.isDirectory()) throw isFolderError(path, where);
        if (info.size > maxConfigFileBytes) throw tooLargeError(path, where, info.size);
        const bytes = await readBounded(sftp, path);
        if (!bytes) throw tooLargeError(path, where);
        return bytes.toString('utf8');
      }),

    writeTextWithBackup: (path, text) =>
      withSftp(path, 'write', async (sftp) => {
        const existing = await statOf(sftp, path).catch((error) => {
          if ((error as { code?: number }).code === sftpNoSuchFile) return undefined;
          throw error;
        });
        const mode = existing ? existing.mode & 0o777 : 0o600;
        let backupPath: string | undefined;
        if (existing) {
          const old = await read(sftp, path);
          // SFTP reports an existing file as a generic failure: a name is taken when it can be stat'ed.
          const taken = Symbol('taken');
          backupPath = await keepBackup(
            path,
            async (backup) => {
              if (
                await statOf(sftp, backup).then(
                  () => true,
                  () => false,
                )
              )
                throw taken;
              await write(sftp, backup, old, mode, 'wx');
            },
            (error) => error === taken,
          );
        }
        // Write beside the file, then rename over it: readers see the old or the new file, never half of one.
        const temp = posix.join(posix.dirname(path), `.${posix.basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
        await write(sftp, temp, text, mode, 'wx');
        try {
          await call<void>((done) => sftp.ext_openssh_rename(temp, path, (error) => done(error, undefined)));
        } catch (error) {
          await call<void>((done) => sftp.unlink(temp, (e) => done(e, undefined))).catch(() => {});
          throw error;
        }
        return backupPath ? { backupPath } : {};
      }),

    list: (path) =>
      withSftp(path, 'list', async (sftp) => {
        const items = await call<{ filename: string; attrs: Stats }[]>((done) => sftp.readdir(path, done));
        return items
          .map(
            (item): FileEntry => ({
              name: item.filename,
              type: entryType(item.attrs.mode),
              size: item.attrs.size,
              modifiedAt: new Date(item.attrs.mtime * 1000).toISOString(),
            }),
          )
          .sort(byFolderThenName);
      }),
  };
}
