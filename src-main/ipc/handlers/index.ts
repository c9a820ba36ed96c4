import type { Handlers } from '../router';
import { appHandlers } from './app';
import { checkHandlers } from './checks';
import { configHandlers } from './config';
import { connectionHandlers } from './connections';
import { goLiveHandlers } from './go-live';
import { migrationHandlers } from './migration';
import { profileHandlers } from './profiles';
import { providerHandlers } from './providers';
import { sandboxHandlers } from './sandbox';
import { vaultHandlers } from './vault';

/** Every handler of the contract; the type makes a missing one a compile error. */
export const handlers: Handlers = {
  ...appHandlers,
  ...vaultHandlers,
  ...profileHandlers,
  ...connectionHandlers,
  ...configHandlers,
  ...checkHandlers,
  ...migrationHandlers,
  ...goLiveHandlers,
  ...providerHandlers,
  ...sandboxHandlers,
};
