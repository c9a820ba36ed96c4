import { z } from 'zod';
import {
  ConfigLoadWarning,
  GenerationWarning,
  MasProviderView,
  ProviderPair,
  SecretFileView,
  SecretState,
  SynapseProviderView,
} from '../domain/config';
import { Finding } from '../domain/finding';
import { channel } from './define';

const paths = z.array(z.string().min(1)).min(1).max(20);
export const DraftId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/** Connection settings as the renderer may see them: the password only as set or not. */
export const DatabaseView = z.object({
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  user: z.string().nullable(),
  database: z.string().nullable(),
  password: SecretState,
  /** A libpq URI was given (MAS `database.uri`); shown without its password. */
  uri: z.string().nullable(),
});

export const SynapseConfigView = z.object({
  /** The files merged, in order (a folder's *.yaml files in its place). */
  files: z.array(z.string()),
  /** What was skipped while reading (folder entries, empty files), as Synapse skips them. */
  warnings: z.array(ConfigLoadWarning),
  /** The merged config as YAML with every secret value replaced by `<redacted>`. */
  maskedYaml: z.string(),
  serverName: z.string(),
  publicBaseurl: z.string().nullable(),
  databaseDriver: z.string(),
  database: DatabaseView.nullable(),
  passwords: z.object({ enabled: z.boolean(), localdb: z.boolean(), pepper: SecretState }),
  registration: z.object({ enabled: z.boolean(), captcha: z.boolean() }),
  providers: z.array(SynapseProviderView),
  secretFiles: z.array(SecretFileView),
});
export type SynapseConfigView = z.infer<typeof SynapseConfigView>;

export const MasConfigView = z.object({
  files: z.array(z.string()),
  warnings: z.array(ConfigLoadWarning),
  homeserver: z.string().nullable(),
  endpoint: z.string().nullable(),
  matrixSecret: SecretState,
  encryption: SecretState,
  database: DatabaseView.nullable(),
  passwords: z.object({
    enabled: z.boolean(),
    schemes: z.array(
      z.object({
        version: z.number().int(),
        algorithm: z.string(),
        cost: z.number().int().nullable(),
        secret: SecretState,
        unicodeNormalization: z.boolean(),
      }),
    ),
  }),
  providers: z.array(MasProviderView),
  captchaService: z.string().nullable(),
  tosUri: z.string().nullable(),
  secretFiles: z.array(SecretFileView),
});
export type MasConfigView = z.infer<typeof MasConfigView>;

/**
 * A MAS config kept in main (generated, or opened from a file) so its secrets
 * never reach the renderer: it sees a redacted preview and edits non-secret keys by path.
 */
export const DraftView = z.object({
  draftId: DraftId,
  /** The file it was opened from, or null for a generated config. */
  file: z.string().nullable(),
  /** The YAML with every secret replaced by `<redacted>`. */
  preview: z.string(),
});
export type DraftView = z.infer<typeof DraftView>;

const ConfigPaths = z.object({ synapsePaths: paths, masPaths: z.array(z.string().min(1)).max(20).default([]) }).strict();
const Edit = z.object({
  path: z
    .array(z.union([z.string().min(1), z.number().int().min(0)]))
    .min(1)
    .max(12),
  value: z.json(),
});
const SaveTarget = z.object({ draftId: DraftId, path: z.string().min(1), overwrite: z.boolean().default(false) }).strict();
export const Saved = z.object({ path: z.string(), backup: z.string().optional() });

export const configChannels = {
  /** Reads Synapse's (and optionally MAS's) config files from local paths. */
  'config.load': channel({ input: ConfigPaths, output: z.object({ synapse: SynapseConfigView, mas: MasConfigView.nullable() }) }),
  /** The configuration checks (SPEC §2) and the provider pairs for the Identity providers screen. */
  'config.check': channel({ input: ConfigPaths, output: z.object({ findings: z.array(Finding), providers: z.array(ProviderPair) }) }),
  /** Generates a MAS config from Synapse's (SPEC §7) as a draft, with what could not be carried over. */
  'config.generate': channel({
    input: z.object({ synapsePaths: paths }).strict(),
    output: DraftView.extend({ warnings: z.array(GenerationWarning) }),
  }),
  /** Opens an admin's MAS config file as a draft, to edit it keeping its comments and order. */
  'config.open': channel({ input: z.object({ path: z.string().min(1) }).strict(), output: DraftView }),
  /** Sets (or with null removes) non-secret keys of a draft. */
  'config.edit': channel({ input: z.object({ draftId: DraftId, edits: z.array(Edit).min(1).max(100) }).strict(), output: DraftView }),
  /** Validates a draft against MAS's published schema and our checks (against Synapse's config when given). */
  'config.validate': channel({
    input: z.object({ draftId: DraftId, synapsePaths: z.array(z.string().min(1)).max(20).default([]) }).strict(),
    output: z.object({
      /** False when MAS's schema file is not available to this app. */
      schemaChecked: z.boolean(),
      schemaProblems: z.array(z.string()),
      findings: z.array(Finding),
    }),
  }),
  /** Saves a draft to a local file (a timestamped backup is kept when overwriting). */
  'config.save': channel({ input: SaveTarget, output: Saved }),
  /** Saves the homeserver.yaml `matrix_authentication_service` section (SPEC §9) with the draft's matrix.secret. */
  'config.saveSynapseSection': channel({ input: SaveTarget.extend({ endpoint: z.url().optional() }).strict(), output: Saved }),
};
