import { z } from 'zod';
import { ProviderPair } from '../domain/config';
import { Finding } from '../domain/finding';
import { ProfileId } from '../domain/ids';
import { PasswordCheck } from '../domain/password-check';
import { channel } from './define';

/** What checking a source gives (SPEC §2): the same for the Checks screen and `syn2mas check`. */
export const CheckResult = z.object({
  /** Config findings, then database findings (incl. the data-integrity scan and data notices). */
  findings: z.array(Finding),
  /** Synapse providers paired with MAS providers, for the Identity providers screen. */
  providers: z.array(ProviderPair),
  /** False when the databases were not checked: the profile names no MAS config yet. */
  databasesChecked: z.boolean(),
  masSchemaVersion: z.string().nullable(),
  /** `resumable`: an interrupted migration left MAS half-written (SPEC §4.6); the next run continues it. */
  masState: z.enum(['fresh', 'resumable', 'partial']),
  /** Users per `auth_provider` in Synapse's user_external_ids (SPEC §1.2 internal IDs). */
  providerUsers: z.array(z.object({ authProvider: z.string(), users: z.number().int() })),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const checkChannels = {
  /** Every check of SPEC §2: both configs, then (when the MAS config exists) both databases, read-only. */
  'checks.run': channel({ input: z.object({ profileId: ProfileId }).strict(), output: CheckResult }),
  /**
   * SPEC §10 check-password: whether MAS password scheme 1 will accept this password for the user (read-only).
   * The password is used for this check only: never echoed, logged or stored.
   */
  'checks.password': channel({
    input: z
      .object({
        profileId: ProfileId,
        userId: z.string().trim().min(1).max(255),
        password: z.string().min(1).max(1024),
      })
      .strict(),
    output: PasswordCheck,
  }),
};
