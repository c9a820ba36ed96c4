import { copyFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { AppError } from '../../../src-shared/errors';

export interface SavedFile {
  path: string;
  /** The previous file's copy, when one was overwritten. */
  backup?: string;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Refuses before anything is written when one of several targets exists and may not be overwritten. */
export async function refuseExisting(paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    if (await exists(path)) {
      throw new AppError('file-exists', `${path} already exists; nothing was written.`, 'Choose another file, or confirm overwriting (a timestamped backup is kept).');
    }
  }
}

function timestamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/**
 * Writes a config file readable by its owner only (it holds secrets). An
 * existing file is kept as `<path>.<timestamp>.bak` and only replaced with `overwrite`.
 */
export async function saveConfigFile(path: string, text: string, options: { overwrite: boolean; now?: Date }): Promise<SavedFile> {
  const present = await exists(path);
  if (present && !options.overwrite) {
    throw new AppError('file-exists', `${path} already exists; it was not overwritten.`, 'Choose another file, or confirm overwriting (a timestamped backup is kept).');
  }
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, text, { mode: 0o600, flag: 'wx' });
    let backup: string | undefined;
    if (present) {
      backup = `${path}.${timestamp(options.now ?? new Date())}.bak`;
      await copyFile(path, backup);
    }
    await rename(temp, path);
    return backup ? { path, backup } : { path };
  } catch (error) {
    await rm(temp, { force: true });
    if (error instanceof AppError) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new AppError('file-write', `Cannot write ${path} (${reason}).`, 'Check that the folder exists and this user may write to it.');
  }
}
