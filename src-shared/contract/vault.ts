import { z } from 'zod';
import { channel } from './define';

/** How stored secrets are protected, and whether they can be used now. */
export const VaultStatus = z.object({
  kind: z.enum(['safe-storage', 'passphrase']),
  /** The passphrase vault exists (a master passphrase was chosen). */
  initialised: z.boolean(),
  unlocked: z.boolean(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

export const vaultChannels = {
  'vault.status': channel({ input: z.object({}).strict(), output: VaultStatus }),
  /** Opens the passphrase vault (creating it with this passphrase on first use). */
  'vault.unlock': channel({ input: z.object({ passphrase: z.string().min(1).max(1024) }).strict(), output: VaultStatus }),
};
