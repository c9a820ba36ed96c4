import { z } from 'zod';
import { GoLiveStep } from '../domain/go-live';
import { channel } from './define';

/** An http(s) address without credentials: the go-live check sends nothing but its token, and only to whoami. */
const HttpUrl = z
  .url({ protocol: /^https?$/, error: 'give an http(s) URL, e.g. https://matrix.example.org' })
  .max(2048)
  // Credentials sit before an "@" in the authority (shared code has no URL class to ask).
  .refine((value) => !/^https?:\/\/[^/?#]*@/i.test(value), 'give the URL without a user name or password');

/**
 * One of the admin's own sessions from before the migration. Printable ASCII
 * only: a header value the HTTP client rejects would be quoted in its error.
 * zod's messages never hold the value.
 */
const AccessToken = z
  .string()
  .trim()
  .min(1, 'paste an access token')
  .max(4096)
  .regex(/^[\x21-\x7e]+$/, 'the access token holds spaces or characters no access token has: paste the token alone');

export const goLiveChannels = {
  /** SPEC §10 go-live check, after the cutover: each step with its verdict and likely cause. The token is never stored or echoed. */
  'golive.check': channel({
    input: z.object({ homeserver: HttpUrl, mas: HttpUrl.optional(), accessToken: AccessToken }).strict(),
    output: z.array(GoLiveStep),
  }),
};
