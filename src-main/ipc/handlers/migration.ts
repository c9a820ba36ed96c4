import type { migrationChannels } from '../../../src-shared/contract/migration';
import { checkDatabases } from '../../engine/migration/database-checks';
import { loadMigrationInputs } from '../../engine/migration/migration-inputs';
import { runMigration } from '../../engine/migration/run-migration';
import type { Handler } from '../router';

type C = typeof migrationChannels;

export const migrationHandlers: { [K in keyof C]: Handler<C[K]> } = {
  'migration.checkDatabases': async (input) => {
    const { settings } = await loadMigrationInputs(input, { dryRun: true });
    const { findings, mas, providerUsers } = await checkDatabases(settings);
    return { findings, masSchemaVersion: mas.schemaVersion, masState: mas.state, providerUsers };
  },
  'migration.run': async ({ dryRun, writers, ...source }, ctx) => {
    const { settings, configFindings } = await loadMigrationInputs(source, { dryRun, writers });
    return runMigration(settings, { signal: ctx.signal, onProgress: (p) => ctx.emit(p), configFindings });
  },
};
