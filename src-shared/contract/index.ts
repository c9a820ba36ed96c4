import { appChannels } from './app';
import { migrationChannels } from './migration';

/** Every IPC entry of the app. Each area keeps its channels in its own file. */
export const contract = {
  ...appChannels,
  ...migrationChannels,
};
export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export * from './define';
