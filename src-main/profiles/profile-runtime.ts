import type { PresentedHostKey } from '../../src-shared/contract/connections';
import type { VaultStatus } from '../../src-shared/contract/vault';
import { AppError } from '../../src-shared/errors';
import { unlockPassphraseVault, vaultExists } from './passphrase-vault';
import { ProfileStore } from './profile-store';
import { type SafeStorageLike, safeStorageCipher } from './safe-storage-cipher';
import type { SecretCipher } from './secret-cipher';

/** The profile store of one running app, with its vault and what this session has seen. */
export interface ProfileRuntime {
  readonly store: ProfileStore;
  vaultStatus(): Promise<VaultStatus>;
  unlock(passphrase: string): Promise<VaultStatus>;
  /** Host keys shown to the admin in this session, per profile id: only these can be confirmed. */
  readonly presentedHostKeys: Map<string, PresentedHostKey[]>;
}

/** safeStorage when the OS keyring is real, otherwise the passphrase vault (locked until unlocked). */
export function createProfileRuntime(dataDir: string, safeStorage?: SafeStorageLike): ProfileRuntime {
  let cipher: SecretCipher | undefined = safeStorage ? safeStorageCipher(safeStorage) : undefined;
  const kind = cipher ? 'safe-storage' : 'passphrase';
  const store = new ProfileStore({
    dataDir,
    cipher: () => {
      if (cipher) return cipher;
      throw new AppError('vault-locked', 'The secret vault is locked.', 'Unlock it with the master passphrase first.');
    },
  });
  const status = async (): Promise<VaultStatus> =>
    kind === 'safe-storage'
      ? { kind, initialised: true, unlocked: true }
      : { kind, initialised: await vaultExists(dataDir), unlocked: cipher !== undefined };
  return {
    store,
    vaultStatus: status,
    async unlock(passphrase) {
      if (kind === 'passphrase') cipher = await unlockPassphraseVault(dataDir, passphrase);
      return status();
    },
    presentedHostKeys: new Map(),
  };
}
