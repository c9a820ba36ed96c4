import type { checkChannels } from '../../../src-shared/contract/checks';
import type { Handler } from '../router';
import { checkSource } from '../../app/check-source';
import { checkSourcePassword } from '../../app/prove-migration';
import { withProfile } from './with-profile';

type C = typeof checkChannels;

export const checkHandlers: { [K in keyof C]: Handler<C[K]> } = {
  'checks.run': ({ profileId }, ctx) => withProfile(ctx.services, profileId, checkSource),
  'checks.password': ({ profileId, userId, password }, ctx) =>
    withProfile(ctx.services, profileId, (source) => checkSourcePassword(source, userId, password)),
};
