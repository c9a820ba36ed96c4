import { z } from 'zod';
import { Finding } from '../domain/finding';
import { MigrationProgress } from '../domain/progress';
import { MigrationReport } from '../domain/report';
import { channel } from './define';

/** The same inputs as `mas-migrator syn2mas check|migrate` (SPEC §8): config files on this machine. */
export const MigrationSourceInput = z
  .object({
    masConfig: z.array(z.string().min(1)).min(1).max(20),
    synapseConfig: z.array(z.string().min(1)).min(1).max(20),
    /** A libpq URI overriding Synapse's database.args; missing parts from the PG* environment variables. */
    synapseDatabaseUri: z.string().min(1).optional(),
    ignoreMissingAuthProviders: z.boolean().default(false),
  })
  .strict();

export const MigrationRunInput = MigrationSourceInput.extend({
  dryRun: z.boolean().default(true),
  writers: z.number().int().min(2).max(32).default(8),
}).strict();

export const DatabaseCheckOutput = z.object({
  /** Database findings (SPEC §2 "Databases"), incl. the data-integrity scan and data notices. */
  findings: z.array(Finding),
  masSchemaVersion: z.string().nullable(),
  /** `resumable`: an interrupted migration left MAS half-written (SPEC §4.6); the next run continues it. */
  masState: z.enum(['fresh', 'resumable', 'partial']),
  /** Users per `auth_provider` in Synapse's user_external_ids (SPEC §1.2 internal IDs). */
  providerUsers: z.array(z.object({ authProvider: z.string(), users: z.number().int() })),
});

export const migrationChannels = {
  /** Read-only checks of both databases; Synapse may be running. */
  'migration.checkDatabases': channel({ input: MigrationSourceInput, output: DatabaseCheckOutput }),
  /** A dry run (default) or real migration; streams progress; cancel leaves MAS resumable. */
  'migration.run': channel({ input: MigrationRunInput, output: MigrationReport, event: MigrationProgress }),
};
