import { z } from 'zod';
import { ProfileId } from '../domain/ids';
import { SecretsInput, Side } from '../domain/profile';
import { channel } from './define';

export const PresentedHostKey = z.object({ host: z.string(), keyType: z.string(), fingerprint: z.string() });
export type PresentedHostKey = z.infer<typeof PresentedHostKey>;

/** One step of a connection test, streamed as it happens: each SSH hop, its host key, the config files, the database, each privilege. */
export const ConnectionStep = z.object({
  side: Side,
  step: z.enum(['ssh', 'host-key', 'config-files', 'database', 'privileges']),
  status: z.enum(['ok', 'warning', 'failed']),
  message: z.string(),
  fix: z.string().optional(),
  /** With a failed `host-key` step of an unknown key: what to show the admin before confirming. */
  hostKey: PresentedHostKey.optional(),
  /** The error code of a failure, for the UI to pick its wording. */
  code: z.string().optional(),
});
export type ConnectionStep = z.infer<typeof ConnectionStep>;

export const DatabaseSummary = z.object({
  serverVersion: z.string(),
  databaseSize: z.number(),
  user: z.string(),
  superuser: z.boolean(),
  tls: z.boolean(),
});
export type DatabaseSummary = z.infer<typeof DatabaseSummary>;

export const ConnectionTestResult = z.object({
  side: Side,
  ok: z.boolean(),
  steps: z.array(ConnectionStep),
  database: DatabaseSummary.optional(),
});
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;

export const RemoteEntry = z.object({
  name: z.string(),
  type: z.enum(['file', 'directory', 'link', 'other']),
  size: z.number(),
  modifiedAt: z.string(),
});

export const connectionChannels = {
  /** Tests one side of a profile, hop by hop. `secrets` are used for this session only (profiles that do not remember passwords). */
  'connections.test': channel({
    input: z.object({ profileId: ProfileId, side: Side, secrets: SecretsInput.optional() }).strict(),
    output: ConnectionTestResult,
    event: ConnectionStep,
  }),
  /** Remembers a host key in the profile; only a key this session was actually shown can be confirmed. */
  'connections.confirmHostKey': channel({
    input: z
      .object({
        profileId: ProfileId,
        host: z.string().min(1),
        keyType: z.string().min(1),
        fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/),
      })
      .strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
  /** Lists a folder where the side's config files are (this computer or the SSH server). */
  'connections.browse': channel({
    input: z.object({ profileId: ProfileId, side: Side, path: z.string().min(1).max(4096) }).strict(),
    output: z.object({ path: z.string(), where: z.string(), entries: z.array(RemoteEntry) }),
  }),
};
