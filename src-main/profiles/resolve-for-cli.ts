import { readFile } from 'node:fs/promises';
import { AppError } from '../../src-shared/errors';
import { unlockPassphraseVault } from './passphrase-vault';
import { ProfileStore } from './profile-store';
import type { SecretCipher } from './secret-cipher';

/** Gives the master passphrase when the profile's secrets must be decrypted (asked only then). */
export type PassphraseSource = () => Promise<string>;

export const passphraseEnvVar = 'MAS_MIGRATOR_PASSPHRASE';

/** The master passphrase from a file (first line) or from MAS_MIGRATOR_PASSPHRASE, for unattended runs. */
export function passphraseFromEnvironment(env: NodeJS.ProcessEnv = process.env, file?: string): PassphraseSource {
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

/**
 * What `--profile NAME` resolves to: the store of `dataDir` and the id of the
 * profile of that name, its secrets decryptable (the passphrase is asked only
 * if it has stored secrets).
 */
export async function resolveProfileForCli(
  name: string,
  dataDir: string,
  passphrase: PassphraseSource,
): Promise<{ store: ProfileStore; profileId: string }> {
  let cipher: SecretCipher | undefined;
  const store = new ProfileStore({
    dataDir,
    cipher: () => {
      if (!cipher) throw new AppError('vault-locked', 'The secret vault is locked.', 'Give the master passphrase.');
      return cipher;
    },
  });
  const view = await store.findByName(name);
  if (view.secretsSet.length > 0) cipher = await unlockPassphraseVault(dataDir, await passphrase());
  return { store, profileId: view.id };
}
