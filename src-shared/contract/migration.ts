import { z } from 'zod';
import { ProfileId } from '../domain/ids';
import { MigrationProgress } from '../domain/progress';
import { MigrationReport } from '../domain/report';
import { channel } from './define';

export const migrationChannels = {
  /** A dry run (default) or the real migration of a profile; streams progress; cancel leaves MAS resumable. */
  'migration.run': channel({
    input: z
      .object({
        profileId: ProfileId,
        dryRun: z.boolean().default(true),
        /** The admin acknowledged the other sessions on Synapse's database the checks listed (SPEC §2 synapse-connections). */
        allowSynapseConnections: z.boolean().default(false),
      })
      .strict(),
    output: MigrationReport,
    event: MigrationProgress,
  }),
};
