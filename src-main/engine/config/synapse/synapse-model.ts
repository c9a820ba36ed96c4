import { z } from 'zod';

/**
 * The keys of homeserver.yaml the migration uses (SPEC §1.1). Every object is
 * loose: Synapse has hundreds of other keys and they must pass untouched.
 * Empty YAML keys (`oidc_providers:`) parse as null, so optional keys are nullish.
 */
const str = z.string().nullish();
const bool = z.boolean().nullish();
const port = z.union([z.number().int().min(1).max(65535), z.string().regex(/^\d+$/)], { error: 'must be a port number' }).nullish();

const mappingConfig = z.looseObject({
  subject_template: str,
  subject_claim: str,
  localpart_template: str,
  confirm_localpart: bool,
  display_name_template: str,
  email_template: str,
});

export const SynapseOidcProvider = z.looseObject({
  idp_id: str,
  idp_name: str,
  idp_brand: str,
  discover: bool,
  issuer: str,
  client_id: str,
  client_secret: str,
  client_secret_path: str,
  client_secret_jwt_key: z.unknown().optional(),
  client_auth_method: str,
  pkce_method: str,
  id_token_signing_alg_values_supported: z.array(z.string()).nullish(),
  scopes: z.array(z.string()).nullish(),
  authorization_endpoint: str,
  token_endpoint: str,
  userinfo_endpoint: str,
  jwks_uri: str,
  skip_verification: bool,
  user_profile_method: str,
  additional_authorization_parameters: z.record(z.string(), z.string()).nullish(),
  passthrough_authorization_parameters: z.array(z.string()).nullish(),
  enable_registration: bool,
  attribute_requirements: z.array(z.unknown()).nullish(),
  backchannel_logout_enabled: bool,
  user_mapping_provider: z.looseObject({ module: str, config: mappingConfig.nullish() }).nullish(),
});
export type SynapseOidcProvider = z.infer<typeof SynapseOidcProvider>;

const moduleEntry = z.looseObject({ module: z.string(), config: z.unknown().optional() });
const enabledSection = z.looseObject({ enabled: bool }).nullish();

export const SynapseModel = z.looseObject({
  server_name: z.string({ error: 'server_name must be a string (the homeserver name)' }).min(1, 'server_name is empty'),
  public_baseurl: str,
  database: z
    .looseObject({
      name: str,
      args: z.looseObject({ user: str, password: str, host: str, port, dbname: str, database: str }).nullish(),
    })
    .nullish(),
  password_config: z
    .looseObject({ enabled: z.union([z.boolean(), z.literal('only_for_reauth')]).nullish(), localdb_enabled: bool, pepper: str })
    .nullish(),
  bcrypt_rounds: z.number().int().min(4).max(31).nullish(),
  allow_guest_access: bool,
  enable_registration: bool,
  registration_requires_token: bool,
  enable_registration_captcha: bool,
  recaptcha_public_key: str,
  recaptcha_private_key: str,
  enable_3pid_changes: bool,
  enable_set_display_name: bool,
  user_consent: z.unknown().optional(),
  login_via_existing_session: enabledSection,
  cas_config: enabledSection,
  saml2_config: enabledSection,
  jwt_config: enabledSection,
  oidc_config: SynapseOidcProvider.nullish(),
  oidc_providers: z.array(SynapseOidcProvider).nullish(),
  password_providers: z.array(moduleEntry).nullish(),
  modules: z.array(moduleEntry).nullish(),
  matrix_authentication_service: z.looseObject({ enabled: bool, endpoint: str, secret: str, secret_path: str }).nullish(),
});
export type SynapseModel = z.infer<typeof SynapseModel>;
