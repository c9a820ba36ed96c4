import { appChannels } from './app';
import { checkChannels } from './checks';
import { configChannels } from './config';
import { connectionChannels } from './connections';
import { goLiveChannels } from './go-live';
import { migrationChannels } from './migration';
import { profileChannels } from './profiles';
import { providerChannels } from './providers';
import { sandboxChannels } from './sandbox';
import { vaultChannels } from './vault';

/** Every IPC entry of the app. Each area keeps its channels in its own file. */
export const contract = {
  ...appChannels,
  ...vaultChannels,
  ...profileChannels,
  ...connectionChannels,
  ...configChannels,
  ...checkChannels,
  ...migrationChannels,
  ...goLiveChannels,
  ...providerChannels,
  ...sandboxChannels,
};
export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export * from './define';
