import type { providerChannels } from '../../../src-shared/contract/providers';
import { testSourceLogin } from '../../app/test-source-login';
import type { Handler } from '../router';
import { withProfile } from './with-profile';

type C = typeof providerChannels;

export const providerHandlers: { [K in keyof C]: Handler<C[K]> } = {
  // The Electron host opens the system browser itself; the web host's page opens the URL it is sent.
  'providers.testLogin': ({ profileId, providerId, clientId }, { services, signal, emit }) =>
    withProfile(services, profileId, (source) =>
      testSourceLogin(source, {
        providerId,
        ...(clientId ? { clientId } : {}),
        signal,
        openUrl: async (url) => {
          if (services.openExternal) await services.openExternal(url);
          emit({ url, opened: services.openExternal !== undefined });
        },
      }),
    ),
};
