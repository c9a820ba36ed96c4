import type { VaultStatus } from '../../../src-shared/contract/vault';
import { client } from '../ipc/client';
import { createStore } from './create-store';

/** Whether stored passwords can be read and written now (the OS keyring, or the passphrase vault once unlocked). */
export const vault = createStore<{ status: VaultStatus | undefined }>({ status: undefined });

export async function refreshVault(): Promise<void> {
  vault.set({ status: await client().call('vault.status', {}) });
}

export async function unlockVault(passphrase: string): Promise<void> {
  vault.set({ status: await client().call('vault.unlock', { passphrase }) });
}
