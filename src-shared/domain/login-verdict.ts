import { z } from 'zod';

/** Where the subject was looked up: Synapse's links before the migration, MAS's after it (SPEC §12). */
const Origin = z.enum(['synapse', 'mas']);

/** A test login's answer as it crosses to the renderer: the subject and whose link it is, never a token or claim. */
export const LoginVerdict = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('linked'), subject: z.string(), userId: z.string(), origin: Origin, line: z.string() }),
  z.object({ kind: z.literal('unlinked'), subject: z.string(), origin: Origin, line: z.string() }),
  z.object({ kind: z.literal('nothing'), missing: z.string().optional(), line: z.string() }),
  z.object({ kind: z.literal('unevaluable'), reason: z.string(), line: z.string() }),
]);
export type LoginVerdict = z.infer<typeof LoginVerdict>;

/** Streamed while the login waits: the URL to sign in at, and whether main already opened it in the system browser. */
export const LoginStarted = z.object({ url: z.url({ protocol: /^https?$/ }), opened: z.boolean() });
export type LoginStarted = z.infer<typeof LoginStarted>;
