import { createServices, type ServicesOptions } from '../../src-main/ipc/context';
import { handlers } from '../../src-main/ipc/handlers';
import { createRouter } from '../../src-main/ipc/router';
import type { ChannelName, Contract, InputOf, OutputOf } from '../../src-shared/contract';

/**
 * The real router with the real handlers, as a renderer would call it; every
 * reply and event is kept in `seen`, so a test can prove no secret crossed back.
 */
export function recordingRouter(dataDir: string, options: Partial<Omit<ServicesOptions, 'host' | 'dataDir'>> = {}) {
  const router = createRouter(handlers, createServices({ host: 'cli', dataDir, env: process.env, ...options }));
  const seen: unknown[] = [];
  async function call(channel: string, input: unknown) {
    const outcome = await router.call(channel, input, { emit: (event) => seen.push(event) });
    seen.push(outcome);
    return outcome;
  }
  async function ok<K extends ChannelName>(channel: K, input: InputOf<Contract[K]>): Promise<OutputOf<Contract[K]>> {
    const outcome = await call(channel, input);
    if (!outcome.ok) throw new Error(`${channel} failed: ${JSON.stringify(outcome.error)}`);
    return outcome.output as OutputOf<Contract[K]>;
  }
  return { router, seen, call, ok };
}
