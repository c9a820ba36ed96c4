import type { vaultChannels } from '../../../src-shared/contract/vault';
import type { Handler } from '../router';

type C = typeof vaultChannels;

export const vaultHandlers: { [K in keyof C]: Handler<C[K]> } = {
  'vault.status': async (_input, ctx) => ctx.services.profiles.vaultStatus(),
  'vault.unlock': async ({ passphrase }, ctx) => ctx.services.profiles.unlock(passphrase),
};
