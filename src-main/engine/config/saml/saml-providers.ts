import { ulid } from 'ulid';

/**
 * SPEC §12: Synapse stored each SAML user's IdP `uid` attribute as
 * `user_external_ids.external_id` with `auth_provider = 'saml'`; the MAS
 * provider that takes those links over has `synapse_idp_id: saml` and a
 * subject template that yields that same value.
 */
export const samlIdpId = 'saml';

export interface OidcSideInput {
  /** The IdP's own OpenID Connect issuer and the client registered there for MAS. */
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** The ID token claim holding the SAML `uid` value [preferred_username]. */
  uidClaim?: string;
}

/** Route (a), preferred: the IdP's own OpenID Connect side. */
export function samlOidcSideProvider(input: OidcSideInput): Record<string, unknown> {
  return {
    id: ulid(),
    synapse_idp_id: samlIdpId,
    issuer: input.issuer,
    human_name: 'SAML',
    client_id: input.clientId,
    ...(input.clientSecret ? { client_secret: input.clientSecret } : {}),
    token_endpoint_auth_method: input.clientSecret ? 'client_secret_basic' : 'none',
    scope: 'openid profile email',
    claims_imports: { subject: { template: `{{ user.${input.uidClaim ?? 'preferred_username'} }}` } },
  };
}

/** Route (b): MAS's provider for Dex, whose saml connector puts `uid` (usernameAttr) in the `name` claim. */
export function samlDexProvider(dexIssuer: string, clientSecret: string, id = ulid()): Record<string, unknown> {
  return {
    id,
    synapse_idp_id: samlIdpId,
    issuer: dexIssuer,
    human_name: 'SAML',
    client_id: 'mas',
    client_secret: clientSecret,
    token_endpoint_auth_method: 'client_secret_basic',
    scope: 'openid profile email',
    claims_imports: { subject: { template: '{{ user.name }}' } },
  };
}
