import type { Finding } from '../../../src-shared/domain/finding';
import { AppError } from '../../../src-shared/errors';
import { checkDatabases } from '../../engine/migration/database-checks';
import type { MigrationSettings } from '../../engine/migration/settings';
import type { CheckSource } from './check-sources';

/** Connection problems become findings, so `check` still prints everything else it found. */
function connectionFinding(error: AppError, id: string, severity: Finding['severity']): Finding {
  return { id, severity, area: 'connection', message: error.message, fix: error.hint ?? 'Check the database settings.' };
}

/** The database part of `syn2mas check` (SPEC §2 "Databases"): read-only, Synapse may be running. */
export const databaseCheckSource: CheckSource = {
  name: 'databases',
  async run(ctx) {
    let settings: MigrationSettings;
    try {
      settings = await ctx.settings();
    } catch (error) {
      // The configuration checks already report why the configs name no usable database.
      if (error instanceof AppError) return [connectionFinding(error, 'database-checks-skipped', 'info')];
      throw error;
    }
    try {
      return (await checkDatabases(settings)).findings;
    } catch (error) {
      if (error instanceof AppError && error.code === 'database-unreachable')
        return [connectionFinding(error, 'database-unreachable', 'error')];
      throw error;
    }
  },
};
