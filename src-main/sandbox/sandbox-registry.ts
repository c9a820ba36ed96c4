import type { RunningSandbox } from './sandbox';

/** The one sandbox of a host (keyed by its services object), with the profile made for it. */
export interface RegisteredSandbox {
  sandbox: RunningSandbox;
  profileId: string;
  users: number;
}

const running = new WeakMap<object, RegisteredSandbox>();
const starting = new WeakMap<object, Promise<RegisteredSandbox>>();

export function currentSandbox(owner: object): RegisteredSandbox | undefined {
  return running.get(owner);
}

/** Starts the owner's sandbox once; concurrent callers share the same start. */
export async function ensureSandbox(owner: object, start: () => Promise<RegisteredSandbox>): Promise<RegisteredSandbox> {
  const existing = running.get(owner);
  if (existing) return existing;
  let pending = starting.get(owner);
  if (!pending) {
    pending = start().finally(() => starting.delete(owner));
    starting.set(owner, pending);
  }
  const registered = await pending;
  running.set(owner, registered);
  return registered;
}

export async function stopSandbox(owner: object): Promise<boolean> {
  const registered = running.get(owner);
  if (!registered) return false;
  running.delete(owner);
  await registered.sandbox.stop();
  return true;
}
