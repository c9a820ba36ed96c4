import { z } from 'zod';
import { ConfigLoadWarning, GenerationWarning, MasProviderView, SecretFileView, SecretState, SynapseProviderView } from '../domain/config';
import { Finding } from '../domain/finding';
import { ProfileId } from '../domain/ids';
import { ProfileOptions } from '../domain/profile';
import { channel } from './define';

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
  /** The logins MAS cannot speak and a bridge carries (SPEC §11, §12): matrix-synapse-ldap3 with its uid attribute, and saml2_config. */
  bridges: z.object({ ldapUidAttribute: z.string().nullable(), saml: z.boolean() }),
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

const ForProfile = z.object({ profileId: ProfileId }).strict();

/** An ID token claim by name or dotted path, as a MAS template reads it (`{{ user.<claim> }}`). */
const ClaimPath = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}(\.[A-Za-z_][A-Za-z0-9_]{0,63}){0,3}$/, 'give a claim name such as preferred_username');

/** SPEC §12's two SAML routes: the IdP's own OpenID Connect side (preferred), or Dex's saml connector. */
export const SamlRoute = z.discriminatedUnion('route', [
  z
    .object({
      route: z.literal('idp'),
      issuer: z.string().trim().max(2000),
      clientId: z.string().trim().max(255),
      /** Write-only: it goes into the MAS config in main and never comes back. */
      clientSecret: z.string().max(2000).optional(),
      /** The claim holding the SAML uid value [preferred_username]. */
      uidClaim: ClaimPath.optional(),
    })
    .strict(),
  z.object({ route: z.literal('dex') }).strict(),
]);
export type SamlRoute = z.infer<typeof SamlRoute>;
const Edit = z.object({
  path: z
    .array(z.union([z.string().min(1), z.number().int().min(0)]))
    .min(1)
    .max(12),
  value: z.json(),
});
export const Saved = z.object({ path: z.string(), backup: z.string().optional() });

/**
 * The configs of a stored profile, read where it says (this computer or its
 * SSH server), and the MAS config drafts made from them.
 */
export const configChannels = {
  /** Both configs as the profile reads them; the MAS one is null while the profile names none, or names one not saved yet. */
  'config.read': channel({ input: ForProfile, output: z.object({ synapse: SynapseConfigView, mas: MasConfigView.nullable() }) }),
  /** Generates a MAS config from the profile's Synapse config (SPEC §7) as a draft, with what could not be carried over. */
  'config.generate': channel({ input: ForProfile, output: DraftView.extend({ warnings: z.array(GenerationWarning) }) }),
  /** Opens the profile's MAS config (this computer or its server) as a draft, keeping its comments and order. */
  'config.openMas': channel({ input: ForProfile, output: DraftView }),
  /** Sets (or with null removes) non-secret keys of a draft. */
  'config.edit': channel({ input: z.object({ draftId: DraftId, edits: z.array(Edit).min(1).max(100) }).strict(), output: DraftView }),
  /** Validates a draft against MAS's published schema and our checks, against the profile's Synapse config. */
  'config.validate': channel({
    input: ForProfile.extend({ draftId: DraftId }).strict(),
    output: z.object({
      /** False when MAS's schema file is not available to this app. */
      schemaChecked: z.boolean(),
      schemaProblems: z.array(z.string()),
      findings: z.array(Finding),
    }),
  }),
  /** Saves a draft as the profile's MAS config (its first file, or `path`, which then becomes the profile's). A backup is kept. */
  'config.saveMas': channel({
    input: ForProfile.extend({ draftId: DraftId, path: z.string().min(1).optional(), overwrite: z.boolean().default(true) }).strict(),
    output: Saved,
  }),
  /**
   * SPEC §11, §12: the MAS config with the providers for the directory (through
   * Dex) and for SAML, built on the draft `baseDraftId` (else generated from
   * Synapse's), and Dex's config when a login goes through Dex; both as drafts.
   */
  'config.generateBridges': channel({
    input: ForProfile.extend({
      baseDraftId: DraftId.optional(),
      /** Dex's public URL (its issuer). */
      dexIssuer: z.string().trim().max(2000).optional(),
      ldap: z.object({ idAttribute: ProfileOptions.shape.ldapIdAttribute }).strict().optional(),
      saml: SamlRoute.optional(),
    }).strict(),
    output: z.object({ mas: DraftView, dex: DraftView.nullable(), warnings: z.array(GenerationWarning) }),
  }),
  /**
   * Saves Dex's config beside the MAS config, then the MAS config (as config.saveMas), each replaced
   * file kept as a backup; the LDAP ID attribute Dex's file uses becomes the profile's.
   */
  'config.saveBridges': channel({
    input: ForProfile.extend({
      masDraftId: DraftId,
      dexDraftId: DraftId.optional(),
      path: z.string().min(1).optional(),
      overwrite: z.boolean().default(true),
    }).strict(),
    output: z.array(Saved),
  }),
  /** Writes the homeserver `matrix_authentication_service` section (SPEC §9) to a file on the Synapse side, with a backup. */
  'config.saveSynapseSection': channel({
    input: ForProfile.extend({
      draftId: DraftId,
      path: z.string().min(1),
      endpoint: z.url().optional(),
      overwrite: z.boolean().default(true),
    }).strict(),
    output: Saved,
  }),
};
