import type { VaultStatus } from '../../../src-shared/contract/profiles';
import { client } from '../ipc/client';
import { createStore } from './create-store';

/** Whether stored passwords can be read and written now (the OS keyring, or the passphrase vault once unlocked). */
export const vault = createStore<{ status: VaultStatus | undefined }>({ status: undefined });

export async function refreshVault(): Promise<void> {
  vault.set({ status: await client().call('profiles.vaultStatus', {}) });
}

export async function unlockVault(passphrase: string): Promise<void> {
  vault.set({ status: await client().call('profiles.unlock', { passphrase }) });
}
