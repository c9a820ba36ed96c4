import { appChannels } from './app';
import { configChannels } from './config';
import { connectionChannels } from './connections';
import { migrationChannels } from './migration';
import { profileChannels } from './profiles';
import { sandboxChannels } from './sandbox';
import { profileWorkChannels } from './profile-work';

/** Every IPC entry of the app. Each area keeps its channels in its own file. */
export const contract = {
  ...appChannels,
  ...configChannels,
  ...profileChannels,
  ...connectionChannels,
  ...migrationChannels,
  ...sandboxChannels,
  ...profileWorkChannels,
};
export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export * from './define';
