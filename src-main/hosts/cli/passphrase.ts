import { readFile } from 'node:fs/promises';
import { AppError } from '../../../src-shared/errors';
import type { PassphraseSource } from '../../app/sources/profile-by-name';

export const passphraseEnvVar = 'MAS_MIGRATOR_PASSPHRASE';

/** The master passphrase from a file (first line) or from MAS_MIGRATOR_PASSPHRASE, for unattended runs. */
export function passphraseFromEnvironment(env: NodeJS.ProcessEnv, file?: string): PassphraseSource {
  return async () => {
    if (file) {
      try {
        return (await readFile(file, 'utf8')).split(/\r?\n/)[0] ?? '';
      } catch (error) {
        throw new AppError(
          'passphrase-file-unreadable',
          `The passphrase file ${file} cannot be read (${(error as NodeJS.ErrnoException).code}).`,
          'Check the --passphrase-file path.',
        );
      }
    }
    const value = env[passphraseEnvVar];
    if (value) return value;
    throw new AppError(
      'passphrase-required',
      "The profile's secrets are encrypted with the master passphrase.",
      `Set ${passphraseEnvVar}, or pass --passphrase-file FILE.`,
    );
  };
}
