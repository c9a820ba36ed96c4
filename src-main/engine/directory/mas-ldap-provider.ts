/** The `synapse_idp_id` of the MAS provider that receives the directory links (SPEC §11: this project's convention). */
export const ldapIdpId = 'ldap';
/** Dex's static client for MAS. */
export const dexClientId = 'mas';

export interface MasLdapProviderOptions {
  /** The provider's ULID (also in Dex's redirect URI). */
  id: string;
  /** Dex's issuer URL. */
  issuer: string;
  /** The secret of Dex's static client for MAS. */
  clientSecret: string;
}

/**
 * SPEC §11: the MAS upstream provider for Dex. The subject is the ID
 * attribute Dex puts in `federated_claims.user_id` when `federated:id` is
 * asked (Dex's own `sub` encodes user and connector and is not used); the
 * localpart is required from the login lowercased, as the module made it.
 */
export function masLdapProvider(options: MasLdapProviderOptions): Record<string, unknown> {
  return {
    id: options.id,
    synapse_idp_id: ldapIdpId,
    human_name: 'Directory (LDAP)',
    issuer: options.issuer,
    client_id: dexClientId,
    client_secret: options.clientSecret,
    token_endpoint_auth_method: 'client_secret_basic',
    scope: 'openid profile email federated:id',
    claims_imports: {
      subject: { template: '{{ user.federated_claims.user_id }}' },
      localpart: { action: 'require', template: '{{ user.preferred_username | lower }}' },
      displayname: { action: 'suggest', template: '{{ user.name }}' },
      email: { action: 'suggest', template: '{{ user.email }}' },
    },
  };
}

/** MAS's callback for one upstream provider: `<public_base>upstream/callback/<id>`. */
export function masCallbackUrl(publicBase: string, providerId: string): string {
  return new URL(`upstream/callback/${providerId}`, publicBase.endsWith('/') ? publicBase : `${publicBase}/`).toString();
}
