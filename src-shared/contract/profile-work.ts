import { z } from 'zod';
import { GenerationWarning, ProviderPair } from '../domain/config';
import { MigrationProgress } from '../domain/progress';
import { MigrationReport } from '../domain/report';
import { DraftId, DraftView, MasConfigView, Saved, SynapseConfigView } from './config';
import { channel } from './define';
import { DatabaseCheckOutput } from './migration';

const ProfileId = z.string().min(1).max(200);
const ForProfile = z.object({ profileId: ProfileId }).strict();

/**
 * The work of a stored profile: its configs read where it says (this
 * computer or its SSH server), its databases reached its way (directly or
 * tunnelled, with its TLS), and its history updated.
 */
export const profileWorkChannels = {
  'profile.configs': channel({ input: ForProfile, output: z.object({ synapse: SynapseConfigView, mas: MasConfigView.nullable() }) }),
  /** Every check of SPEC §2: both configs, then (when the MAS config is named) both databases and the integrity scan. */
  'profile.check': channel({
    input: ForProfile,
    output: DatabaseCheckOutput.extend({
      providers: z.array(ProviderPair),
      /** True when the database checks ran (they need the MAS config). */
      databasesChecked: z.boolean(),
    }),
  }),
  /** Opens the profile's MAS config (this computer or its server) as a draft, keeping its comments and order. */
  'profile.openMasConfig': channel({ input: ForProfile, output: DraftView }),
  'profile.generate': channel({ input: ForProfile, output: DraftView.extend({ warnings: z.array(GenerationWarning) }) }),
  /** Saves a draft as the profile's MAS config (its first file, or `path`, which then becomes the profile's). A backup is kept. */
  'profile.saveMasConfig': channel({
    input: ForProfile.extend({ draftId: DraftId, path: z.string().min(1).optional(), overwrite: z.boolean().default(true) }).strict(),
    output: Saved,
  }),
  /** Writes the homeserver `matrix_authentication_service` section (SPEC §9) to a file on the Synapse side, with a backup. */
  'profile.saveSynapseSection': channel({
    input: ForProfile.extend({
      draftId: DraftId,
      path: z.string().min(1),
      endpoint: z.url().optional(),
      overwrite: z.boolean().default(true),
    }).strict(),
    output: Saved,
  }),
  /** A dry run (default) or the real migration of the profile; streams progress; cancel leaves MAS resumable. */
  'profile.migrate': channel({
    input: ForProfile.extend({ dryRun: z.boolean().default(true) }).strict(),
    output: MigrationReport,
    event: MigrationProgress,
  }),
};
export type ProfileCheck = z.infer<(typeof profileWorkChannels)['profile.check']['output']>;
