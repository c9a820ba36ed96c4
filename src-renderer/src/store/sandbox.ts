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
