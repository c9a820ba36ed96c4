import { setTimeout as sleep } from 'node:timers/promises';
import type { appChannels } from '../../../src-shared/contract/app';
import { appVersion } from '../../app-version';
import type { Handler } from '../router';

type C = typeof appChannels;

export const appHandlers: { [K in keyof C]: Handler<C[K]> } = {
  'app.info': async (_input, ctx) => ({
    name: 'MAS Migrator',
    version: appVersion,
    platform: process.platform,
    arch: process.arch,
    host: ctx.services.host,
  }),
  'app.selfTest': async ({ steps, delayMs }, ctx) => {
    for (let step = 1; step <= steps; step++) {
      await sleep(delayMs, undefined, { signal: ctx.signal });
      ctx.emit({ step, of: steps, label: `Self-test step ${step} of ${steps}` });
    }
    return { ok: true as const, steps };
  },
};
