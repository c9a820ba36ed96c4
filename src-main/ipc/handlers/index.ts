import type { Handlers } from '../router';
import { appHandlers } from './app';
import { configHandlers } from './config';
import { connectionHandlers } from './connections';
import { migrationHandlers } from './migration';
import { profileHandlers } from './profiles';
import { sandboxHandlers } from './sandbox';
import { profileWorkHandlers } from './profile-work';

/** Every handler of the contract; the type makes a missing one a compile error. */
export const handlers: Handlers = {
  ...appHandlers,
  ...configHandlers,
  ...profileHandlers,
  ...connectionHandlers,
  ...migrationHandlers,
  ...sandboxHandlers,
  ...profileWorkHandlers,
};
