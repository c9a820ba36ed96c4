import { z } from 'zod';

/**
 * The keys of a MAS config the migration uses (SPEC §1.3); every object is
 * loose so the rest of MAS's settings pass untouched. Provider `id`s are
 * plain strings here: a bad one is a finding naming the key, not a load failure.
 */
const str = z.string().nullish();
const bool = z.boolean().nullish();

export const MasPasswordScheme = z.looseObject({
  version: z.number().int().min(0).max(65535),
  algorithm: z.enum(['bcrypt', 'argon2id', 'pbkdf2']),
  cost: z.number().int().min(0).nullish(),
  secret: str,
  secret_file: str,
  unicode_normalization: bool,
});
export type MasPasswordScheme = z.infer<typeof MasPasswordScheme>;

export const MasUpstreamProvider = z.looseObject({
  id: z.string(),
  synapse_idp_id: str,
  issuer: str,
  human_name: str,
  brand_name: str,
  client_id: str,
  client_secret: str,
  client_secret_file: str,
  token_endpoint_auth_method: str,
  scope: str,
  discovery_mode: str,
  pkce_method: str,
  fetch_userinfo: bool,
  response_mode: str,
  authorization_endpoint: str,
  token_endpoint: str,
  userinfo_endpoint: str,
  jwks_uri: str,
  claims_imports: z.record(z.string(), z.unknown()).nullish(),
  enabled: bool,
});
export type MasUpstreamProvider = z.infer<typeof MasUpstreamProvider>;

export const MasModel = z.looseObject({
  database: z
    .looseObject({
      uri: str,
      host: str,
      port: z.number().int().min(1).max(65535).nullish(),
      socket: str,
      username: str,
      password: str,
      password_file: str,
      database: str,
      ssl_mode: str,
      ssl_ca: str,
      ssl_ca_file: str,
      ssl_certificate: str,
      ssl_certificate_file: str,
      ssl_key: str,
      ssl_key_file: str,
      connect_timeout: z.number().int().min(0).nullish(),
    })
    .nullish(),
  matrix: z.looseObject({ homeserver: str, endpoint: str, secret: str, secret_file: str }).nullish(),
  passwords: z.looseObject({ enabled: bool, schemes: z.array(MasPasswordScheme).nullish() }).nullish(),
  upstream_oauth2: z.looseObject({ providers: z.array(MasUpstreamProvider).nullish() }).nullish(),
  secrets: z
    .looseObject({
      encryption: z
        .string()
        .regex(/^[0-9a-fA-F]{64}$/, 'secrets.encryption must be 64 hex characters (32 bytes)')
        .nullish(),
      encryption_file: str,
    })
    .nullish(),
  account: z.looseObject({ password_registration_enabled: bool, password_registration_token_required: bool }).nullish(),
  captcha: z.looseObject({ service: str }).nullish(),
  branding: z.looseObject({ tos_uri: str }).nullish(),
});
export type MasModel = z.infer<typeof MasModel>;
