import type { Handlers } from '../router';
import { appHandlers } from './app';
import { migrationHandlers } from './migration';

/** Every handler of the contract; the type makes a missing one a compile error. */
export const handlers: Handlers = {
  ...appHandlers,
  ...migrationHandlers,
};
