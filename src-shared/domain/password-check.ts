import { z } from 'zod';

/**
 * What MAS will do with one user's password (SPEC §10 check-password).
 * Never holds the password or the hash: only the verdict and the settings used.
 */
export const PasswordCheck = z.object({
  userId: z.string(),
  accepted: z.boolean(),
  reason: z.enum(['no-password', 'not-bcrypt', 'not-migrated', 'mismatch']).optional(),
  /** The settings used: whether a secret was set (never the secret), normalisation, and where scheme 1 is. */
  settings: z.object({ secretSet: z.boolean(), unicodeNormalization: z.boolean(), source: z.string() }),
  /** A rejected password that Synapse's own rule (NFKC, its pepper) accepts: the MAS settings at fault. */
  misconfigured: z.array(z.enum(['secret', 'unicode_normalization'])),
  /** The account itself will not log in, whatever the password. */
  accountState: z.enum(['deactivated', 'locked']).optional(),
});
export type PasswordCheck = z.infer<typeof PasswordCheck>;
export type RejectReason = NonNullable<PasswordCheck['reason']>;
/** The keys of MAS password scheme 1 that can make a right password fail. */
export type MasSetting = PasswordCheck['misconfigured'][number];
