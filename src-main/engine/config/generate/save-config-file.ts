import { AppError } from '../../../../src-shared/errors';

/**
 * Where config files are written: this computer or a server over SFTP
 * (the connect layer's FileAccess has this shape).
 */
export interface ConfigFileWriter {
  readText(path: string): Promise<string>;
  /** Replaces a file, keeping the old content as a timestamped backup beside it. */
  writeTextWithBackup(path: string, text: string): Promise<{ backupPath?: string }>;
}

export interface SavedFile {
  path: string;
  /** The previous file's copy, when one was overwritten. */
  backup?: string;
}

async function exists(files: ConfigFileWriter, path: string): Promise<boolean> {
  try {
    await files.readText(path);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'file-missing') return false;
    throw error;
  }
}

/** Refuses before anything is written when one of several targets exists and may not be overwritten. */
export async function refuseExisting(files: ConfigFileWriter, paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    if (await exists(files, path)) {
      throw new AppError(
        'file-exists',
        `${path} already exists; nothing was written.`,
        'Choose another file, or confirm overwriting (a timestamped backup is kept).',
      );
    }
  }
}

/** Writes a config file; an existing one is only replaced with `overwrite`, and then kept as a backup. */
export async function saveConfigFile(
  files: ConfigFileWriter,
  path: string,
  text: string,
  options: { overwrite: boolean },
): Promise<SavedFile> {
  if (!options.overwrite) await refuseExisting(files, [path]);
  const { backupPath } = await files.writeTextWithBackup(path, text);
  return backupPath ? { path, backup: backupPath } : { path };
}
