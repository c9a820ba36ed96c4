import { z } from 'zod';
import { ProfileId } from '../domain/ids';
import { LoginStarted, LoginVerdict } from '../domain/login-verdict';
import { channel } from './define';

export const providerChannels = {
  /**
   * SPEC §12: one test login through a MAS provider of the profile's saved MAS
   * config. Streams the URL to sign in at; cancelling the call ends the login.
   * Only the verdict comes back: no token or claim, and nothing is stored.
   */
  'providers.testLogin': channel({
    input: z
      .object({
        profileId: ProfileId,
        providerId: z.string().min(1).max(64),
        clientId: z.string().trim().min(1).max(255).optional(),
      })
      .strict(),
    output: LoginVerdict,
    event: LoginStarted,
  }),
};
