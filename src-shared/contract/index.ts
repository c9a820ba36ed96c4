import { appChannels } from './app';
import { configChannels } from './config';

/** Every IPC entry of the app. Each area keeps its channels in its own file. */
export const contract = {
  ...appChannels,
  ...configChannels,
};
export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export * from './define';
