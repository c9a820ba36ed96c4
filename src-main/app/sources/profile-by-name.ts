import { AppError } from '../../../src-shared/errors';
import { unlockPassphraseVault } from '../../profiles/passphrase-vault';
import { ProfileStore } from '../../profiles/profile-store';
import type { SecretCipher } from '../../profiles/secret-cipher';

/** Gives the master passphrase when the profile's secrets must be decrypted (asked only then). */
export type PassphraseSource = () => Promise<string>;

/**
 * A stored profile by its name, outside the app (`--profile NAME` on the
 * command line): the store of `dataDir` and the id of the
 * profile of that name, its secrets decryptable (the passphrase is asked only
 * if it has stored secrets).
 */
export async function profileByName(
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
  const sealedWith = await store.sealedWith(view.id);
  if (sealedWith.has('safe-storage')) {
    // The OS keyring is Electron's safeStorage, which only the app has: the command line runs as plain Node
    // (ELECTRON_RUN_AS_NODE), where there is no safeStorage.
    throw new AppError(
      'profile-needs-keyring',
      `The profile "${view.name}" keeps its passwords in the OS keyring through the desktop app, which the command line cannot open.`,
      'Run it from the MAS Migrator app, or give the configs on the command line instead of --profile (--config and --synapse-config, with --synapse-database-uri if needed).',
    );
  }
  if (sealedWith.size > 0) cipher = await unlockPassphraseVault(dataDir, await passphrase());
  return { store, profileId: view.id };
}
