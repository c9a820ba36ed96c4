import { z } from 'zod';
import { channel } from './define';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  arch: z.string(),
  host: z.enum(['electron', 'web', 'cli']),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const SelfTestProgress = z.object({ step: z.number().int(), of: z.number().int(), label: z.string() });

export const appChannels = {
  'app.info': channel({ input: z.object({}).strict(), output: AppInfo }),
  /** Streams a few progress events so every host proves its event path end to end. */
  'app.selfTest': channel({
    input: z.object({ steps: z.number().int().min(1).max(20).default(3), delayMs: z.number().int().min(0).max(1000).default(50) }).strict(),
    output: z.object({ ok: z.literal(true), steps: z.number().int() }),
    event: SelfTestProgress,
  }),
};
