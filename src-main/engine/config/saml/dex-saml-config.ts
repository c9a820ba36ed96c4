import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import type { GenerationWarning } from '../../../../src-shared/domain/config';
import { testLoginDexClient } from '../../../../src-shared/domain/test-login-client';
import type { IdpMetadata } from './idp-metadata';
import { samlDexProvider } from './saml-providers';
import type { SynapseSamlSettings } from './saml-synapse';

const persistent = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';

export interface DexSamlInput {
  saml: SynapseSamlSettings;
  metadata: IdpMetadata;
  /** Where the admin serves Dex (`--dex-issuer`). */
  dexIssuer: string;
  /** MAS's public base URL, for MAS's callback at Dex. */
  masPublicBase: string;
  now?: Date;
}

export interface DexSamlRoute {
  /** Dex's whole config file, ready to write as YAML. */
  dex: Record<string, unknown>;
  /** The MAS upstream provider for Dex. */
  masProvider: Record<string, unknown>;
  warnings: GenerationWarning[];
}

/**
 * Dex's `saml` connector, configured as Dex's documentation describes it
 * (https://dexidp.io/docs/connectors/saml/): `ssoURL`, `caData` (base64 of the
 * PEM; `ca` would be a file path on Dex's host), `redirectURI` (Dex's
 * callback), `entityIssuer`, `ssoIssuer`, `usernameAttr`, `emailAttr`,
 * `nameIDPolicyFormat`.
 */
export function dexSamlConnector(input: DexSamlInput): Record<string, unknown> {
  const { metadata, saml } = input;
  return {
    type: 'saml',
    id: 'saml',
    name: 'SAML',
    config: {
      ssoURL: metadata.ssoUrl,
      caData: Buffer.from(metadata.signingCertificates.join('')).toString('base64'),
      redirectURI: `${trimSlash(input.dexIssuer)}/callback`,
      ...(saml.spEntityId ? { entityIssuer: saml.spEntityId } : {}),
      ssoIssuer: metadata.entityId,
      // Synapse linked SAML users by their uid attribute (SPEC §12); Dex puts usernameAttr in the `name` claim.
      usernameAttr: 'uid',
      emailAttr: 'email',
      nameIDPolicyFormat: 'persistent',
    },
  };
}

/**
 * SPEC §12 route (b): a complete Dex config with the saml connector, MAS's
 * confidential client and the test login's public client, and the MAS
 * provider that points at it. Dex allows a public client any loopback
 * redirect port (dexidp/dex#469, public clients; #1822 keeps that rule).
 */
export function dexSamlRoute(input: DexSamlInput): DexSamlRoute {
  const providerId = ulid();
  const secret = randomBytes(32).toString('base64url');
  const issuer = trimSlash(input.dexIssuer);
  const dex = {
    issuer,
    storage: { type: 'sqlite3', config: { file: '/var/dex/dex.db' } },
    web: { http: '0.0.0.0:5556' },
    oauth2: { skipApprovalScreen: true },
    staticClients: [
      {
        id: 'mas',
        name: 'Matrix Authentication Service',
        secret,
        redirectURIs: [`${trimSlash(input.masPublicBase)}/upstream/callback/${providerId}`],
      },
      testLoginDexClient,
    ],
    connectors: [dexSamlConnector(input)],
  };
  return { dex, masProvider: samlDexProvider(issuer, secret, providerId), warnings: samlWarnings(input) };
}

function samlWarnings(input: DexSamlInput): GenerationWarning[] {
  const { metadata, saml } = input;
  const now = input.now ?? new Date();
  const callback = `${trimSlash(input.dexIssuer)}/callback`;
  const warnings: GenerationWarning[] = [
    {
      id: 'saml-dex-connector',
      message:
        "Dex's own documentation calls its saml connector unmaintained and likely vulnerable to authentication bypass (https://dexidp.io/docs/connectors/saml/). Prefer the identity provider's OpenID Connect side (Keycloak, Entra ID, Okta, ADFS and Shibboleth have one) with synapse_idp_id: saml.",
      source: 'saml2_config',
    },
    {
      id: 'saml-register-dex',
      message: `Register Dex at the identity provider ${metadata.entityId} as the service provider ${saml.spEntityId ?? callback} (${saml.spEntityId ? "Synapse's entity ID" : "Dex's default entity ID"}), with the assertion consumer service ${callback} (HTTP-POST), releasing the uid and email attributes.`,
      source: 'saml2_config.sp_config',
    },
  ];
  if (metadata.nameIdFormats.length > 0 && !metadata.nameIdFormats.includes(persistent))
    warnings.push({
      id: 'saml-nameid-format',
      message: `Dex asks for a persistent NameID, which the metadata of ${metadata.entityId} does not list (it lists ${metadata.nameIdFormats.join(', ')}): allow it at the IdP, or set nameIDPolicyFormat in the Dex config to one it lists.`,
      source: 'saml2_config.sp_config.metadata',
    });
  metadata.expiries.forEach((expiry, i) => {
    if (expiry.getTime() <= now.getTime())
      warnings.push({
        id: 'saml-certificate-expired',
        message: `Signing certificate ${i + 1} of ${metadata.entityId} expired on ${expiry.toISOString().slice(0, 10)}: check the metadata is current.`,
        source: 'saml2_config.sp_config.metadata',
      });
  });
  return warnings;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');
