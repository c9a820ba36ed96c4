import type { SandboxInfo } from '../../../src-shared/contract/sandbox';
import { client } from '../ipc/client';
import { createStore } from './create-store';

/** The running sandbox, if any, so every screen can say when it works on sample data. */
export const sandbox = createStore<{ info: SandboxInfo | null | undefined }>({ info: undefined });

export async function refreshSandbox(): Promise<SandboxInfo | null> {
  const info = await client().call('sandbox.status', {});
  sandbox.set({ info });
  return info;
}

/** Starts the sandbox (a throwaway PostgreSQL and homeserver), each start-up step reported as it begins. */
export function startSandbox(onStep: (label: string) => void): Promise<SandboxInfo> {
  return client().call('sandbox.start', {}, { onEvent: ({ label }) => onStep(label) });
}

/** Stops the sandbox, deleting its databases and files. */
export async function stopSandbox(): Promise<void> {
  await client().call('sandbox.stop', {});
}
