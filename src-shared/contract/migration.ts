import { z } from 'zod';
import { ProfileId } from '../domain/ids';
import { MigrationProgress } from '../domain/progress';
import { MigrationReport } from '../domain/report';
import { channel } from './define';

export const migrationChannels = {
  /** A dry run (default) or the real migration of a profile; streams progress; cancel leaves MAS resumable. */
  'migration.run': channel({
    input: z.object({ profileId: ProfileId, dryRun: z.boolean().default(true) }).strict(),
    output: MigrationReport,
    event: MigrationProgress,
  }),
};
