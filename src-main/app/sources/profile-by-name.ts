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
  if (view.secretsSet.length > 0) cipher = await unlockPassphraseVault(dataDir, await passphrase());
  return { store, profileId: view.id };
}
