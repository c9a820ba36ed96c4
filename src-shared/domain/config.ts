import { z } from 'zod';

/** What the renderer learns about a secret: only whether it is set (DESIGN: secrets never cross back). */
export const SecretState = z.object({ set: z.boolean() });
export type SecretState = z.infer<typeof SecretState>;

/**
 * A secret given by path (`client_secret_path`, `secret_file`, …): a file on the
 * server the config belongs to. `read` when the app could read it, otherwise its value is unknown.
 */
export const SecretFileView = z.object({ key: z.string(), file: z.string(), status: z.enum(['read', 'on-server']) });
export type SecretFileView = z.infer<typeof SecretFileView>;

/** One side of a provider pair, as the Identity providers screen shows it. */
export const SynapseProviderView = z.object({
  /** Internal ID stored in `user_external_ids.auth_provider` (SPEC §1.2). */
  internalId: z.string(),
  idpId: z.string().nullable(),
  name: z.string().nullable(),
  issuer: z.string().nullable(),
  clientId: z.string().nullable(),
  legacy: z.boolean(),
  /** File, line and key where it is configured. */
  source: z.string(),
});
export type SynapseProviderView = z.infer<typeof SynapseProviderView>;

export const MasProviderView = z.object({
  id: z.string(),
  synapseIdpId: z.string().nullable(),
  humanName: z.string().nullable(),
  issuer: z.string().nullable(),
  clientId: z.string().nullable(),
  enabled: z.boolean(),
  source: z.string(),
});
export type MasProviderView = z.infer<typeof MasProviderView>;

/**
 * A Synapse provider and the MAS provider with its internal ID as `synapse_idp_id`, or a gap:
 * - paired: both exist (problems lists differences to look at);
 * - missing-in-mas: users of this Synapse provider have nowhere to go;
 * - unknown-to-synapse: a MAS provider maps an ID no Synapse OIDC provider has (e.g. `saml` through a bridge);
 * - mas-only: a MAS provider without `synapse_idp_id` (new, takes over no Synapse links).
 */
export const ProviderPair = z.object({
  status: z.enum(['paired', 'missing-in-mas', 'unknown-to-synapse', 'mas-only']),
  synapse: SynapseProviderView.nullable(),
  mas: MasProviderView.nullable(),
  problems: z.array(z.string()),
});
export type ProviderPair = z.infer<typeof ProviderPair>;

/** Something config generation could not carry over as it was (SPEC §7: warn, never silently drop). */
export const GenerationWarning = z.object({
  id: z.string(),
  message: z.string(),
  /** The Synapse file, line and key it comes from. */
  source: z.string().optional(),
});
export type GenerationWarning = z.infer<typeof GenerationWarning>;

/** What a config loader skipped while reading, as the server skips it (a folder entry, an empty file; SPEC §1.1). */
export const ConfigLoadWarning = z.object({
  id: z.string(),
  message: z.string(),
  fix: z.string(),
  /** The file or folder entry concerned. */
  source: z.string(),
});
export type ConfigLoadWarning = z.infer<typeof ConfigLoadWarning>;
