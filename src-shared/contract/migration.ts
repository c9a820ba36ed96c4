import { z } from 'zod';
import { ProfileId } from '../domain/ids';
import { MigrationProgress } from '../domain/progress';
import { MigrationReport } from '../domain/report';
import { VerificationResult } from '../domain/verification';
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
        /** SPEC §10 `migrate --verify`: compare MAS with Synapse before the run commits (a dry run before MAS is emptied); the report holds the result. */
        verify: z.boolean().default(false),
      })
      .strict(),
    output: MigrationReport,
    event: MigrationProgress,
  }),
  /** SPEC §10 verify: MAS compared row by row with what the profile's Synapse says it must hold (read-only; cancellable). */
  'migration.verify': channel({ input: z.object({ profileId: ProfileId }).strict(), output: VerificationResult }),
};
