import type { Finding } from '../../../src-shared/domain/finding';
import type { MigrationProgress } from '../../../src-shared/domain/progress';
import type { MigrationSettings } from './migration-settings';

/**
 * What one run is asked to do, by whichever host: the settings say what the
 * source is, these what this run does with it (each absent one as the settings say).
 */
export interface RunOptions {
  dryRun?: boolean;
  /** Writer connections to MAS. */
  writers?: number;
  /** The admin knows other sessions are connected to Synapse's database and lets a real run go ahead (SPEC §2). */
  allowSynapseConnections?: boolean;
  /** SPEC §10 `migrate --verify`: compare MAS with Synapse right after the commit (a dry run before its tables are emptied). */
  verify?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: MigrationProgress) => void;
  /** Findings of the configuration checks: their errors block the run like the database's. */
  configFindings?: Finding[];
  /** Called once the checks let the run go ahead, with their warnings and notices (SPEC §2: the CLI prints them). */
  onFindings?: (findings: Finding[]) => void;
}

/** The settings of one run: the source's, with the run's own choices. */
export function settingsForRun(settings: MigrationSettings, options: RunOptions): MigrationSettings {
  return {
    ...settings,
    dryRun: options.dryRun ?? settings.dryRun,
    writers: options.writers ?? settings.writers,
    allowSynapseConnections: options.allowSynapseConnections ?? settings.allowSynapseConnections,
  };
}
