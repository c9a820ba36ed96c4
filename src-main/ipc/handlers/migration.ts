import type { migrationChannels } from '../../../src-shared/contract/migration';
import type { Handler } from '../router';
import { migrateSource } from '../use-cases/migrate-source';
import { withProfile } from './with-profile';

type C = typeof migrationChannels;

export const migrationHandlers: { [K in keyof C]: Handler<C[K]> } = {
  'migration.run': ({ profileId, dryRun, allowSynapseConnections }, ctx) =>
    withProfile(ctx.services, profileId, (source) =>
      migrateSource(source, { dryRun, allowSynapseConnections, signal: ctx.signal, onProgress: (progress) => ctx.emit(progress) }),
    ),
};
