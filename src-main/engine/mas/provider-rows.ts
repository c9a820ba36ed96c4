import type pg from 'pg';
import { encryptionKeyFromHex, encryptSecret } from './secret-encryption';
import type { MasProviderSettings } from '../run/migration-settings';
import { ulidToUuid } from './ulid-ids';

/**
 * SPEC §4.5: every MAS-config provider that takes over a Synapse provider must
 * have its row before links point at it. Missing rows are inserted; existing
 * rows are never touched (MAS rewrites them from its config when it starts).
 * Returns the ids of the rows inserted.
 */
export async function ensureProviderRows(
  client: pg.Client,
  providers: readonly MasProviderSettings[],
  encryptionKeyHex: string | undefined,
): Promise<string[]> {
  const inserted: string[] = [];
  for (const p of providers) {
    if (p.synapseIdpId === undefined) continue;
    const encrypted = p.clientSecret ? encryptSecret(encryptionKeyFromHex(encryptionKeyHex), p.clientSecret) : null;
    const result = await client.query(
      `INSERT INTO upstream_oauth_providers (upstream_oauth_provider_id, issuer, human_name, brand_name, scope, client_id,
         encrypted_client_secret, token_endpoint_auth_method, discovery_mode, pkce_mode, fetch_userinfo, response_mode,
         authorization_endpoint_override, token_endpoint_override, userinfo_endpoint_override, jwks_uri_override,
         claims_imports, ui_order, disabled_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::jsonb, $18,
         CASE WHEN $19::boolean THEN NULL ELSE now() END, now())
       ON CONFLICT (upstream_oauth_provider_id) DO NOTHING`,
      [
        ulidToUuid(p.id),
        p.issuer ?? null,
        p.humanName ?? null,
        p.brandName ?? null,
        p.scope,
        p.clientId,
        encrypted,
        p.tokenEndpointAuthMethod,
        p.discoveryMode ?? 'oidc',
        p.pkceMethod ?? 'auto',
        p.fetchUserinfo ?? false,
        p.responseMode ?? null,
        p.authorizationEndpoint ?? null,
        p.tokenEndpoint ?? null,
        p.userinfoEndpoint ?? null,
        p.jwksUri ?? null,
        JSON.stringify(p.claimsImports),
        p.uiOrder,
        p.enabled,
      ],
    );
    if (result.rowCount) inserted.push(p.id);
  }
  return inserted;
}
