import type { migrationChannels } from '../../../src-shared/contract/migration';
import type { Handler } from '../router';
import { migrateSource } from '../../app/migrate-source';
import { verifySource } from '../../app/prove-migration';
import { withProfile } from './with-profile';

type C = typeof migrationChannels;

export const migrationHandlers: { [K in keyof C]: Handler<C[K]> } = {
  'migration.run': ({ profileId, dryRun, allowSynapseConnections, verify }, ctx) =>
    withProfile(ctx.services, profileId, (source) =>
      migrateSource(source, { dryRun, allowSynapseConnections, verify, signal: ctx.signal, onProgress: (progress) => ctx.emit(progress) }),
    ),
  'migration.verify': ({ profileId }, ctx) =>
    withProfile(ctx.services, profileId, (source) => verifySource(source, { signal: ctx.signal })),
};
