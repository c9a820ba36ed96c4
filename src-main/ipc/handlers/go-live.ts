import type { goLiveChannels } from '../../../src-shared/contract/go-live';
import type { Handler } from '../router';
import { checkGoLive } from '../../app/prove-migration';

type C = typeof goLiveChannels;

export const goLiveHandlers: { [K in keyof C]: Handler<C[K]> } = {
  'golive.check': async ({ homeserver, mas, accessToken }) =>
    checkGoLive({ homeserver: new URL(homeserver), ...(mas ? { mas: new URL(mas) } : {}), accessToken }),
};
