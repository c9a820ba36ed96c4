import type pg from 'pg';
import { masDatabaseConnection, type MasConfig, masSecret } from '../config/mas-config';
import { synapseProviders } from '../config/providers';
import type { SynapseConfig } from '../config/synapse-config';
import { synapseDatabaseConnection } from '../config/synapse-database';
import { clientConfigFromParams, clientConfigFromUri } from './pg-client-config';
import { defaultWriters, type MasProviderSettings, type MigrationSettings } from './settings';

export interface CommandOptions {
  /** Overrides Synapse's database.args (SPEC §8). */
  synapseDatabaseUri?: string;
  ignoreMissingAuthProviders: boolean;
  dryRun: boolean;
  writers?: number;
  env?: Record<string, string | undefined>;
  /** Connections already resolved elsewhere (a profile's routes, possibly through SSH); they win over the configs. */
  databases?: { synapse: pg.ClientConfig; mas: pg.ClientConfig };
}

/** A secret known here, or undefined when absent or only on the server ("unknown"). */
function known(value: string | undefined): string | undefined {
  return value === 'unknown' ? undefined : value;
}

/** The engine's settings from the two loaded configs and the command-line options. */
export async function migrationSettingsFromConfigs(
  syn: SynapseConfig,
  mas: MasConfig,
  options: CommandOptions,
): Promise<MigrationSettings> {
  const masProviders: MasProviderSettings[] = (mas.model.upstream_oauth2?.providers ?? []).map((p, i) => {
    const clientSecret = known(masSecret(mas, p.client_secret, `upstream_oauth2.providers[${i}].client_secret_file`));
    return {
      id: p.id,
      ...(p.synapse_idp_id ? { synapseIdpId: p.synapse_idp_id } : {}),
      ...(p.issuer ? { issuer: p.issuer } : {}),
      ...(p.human_name ? { humanName: p.human_name } : {}),
      ...(p.brand_name ? { brandName: p.brand_name } : {}),
      clientId: p.client_id ?? '',
      ...(clientSecret ? { clientSecret } : {}),
      tokenEndpointAuthMethod: p.token_endpoint_auth_method ?? (clientSecret ? 'client_secret_basic' : 'none'),
      scope: p.scope ?? 'openid',
      ...(p.discovery_mode ? { discoveryMode: p.discovery_mode } : {}),
      ...(p.pkce_method ? { pkceMethod: p.pkce_method } : {}),
      ...(p.fetch_userinfo != null ? { fetchUserinfo: p.fetch_userinfo } : {}),
      ...(p.response_mode ? { responseMode: p.response_mode } : {}),
      ...(p.authorization_endpoint ? { authorizationEndpoint: p.authorization_endpoint } : {}),
      ...(p.token_endpoint ? { tokenEndpoint: p.token_endpoint } : {}),
      ...(p.userinfo_endpoint ? { userinfoEndpoint: p.userinfo_endpoint } : {}),
      ...(p.jwks_uri ? { jwksUri: p.jwks_uri } : {}),
      claimsImports: p.claims_imports ?? {},
      uiOrder: i,
      enabled: p.enabled !== false,
    };
  });
  const encryptionKeyHex = known(masSecret(mas, mas.model.secrets?.encryption, 'secrets.encryption_file'));
  return {
    serverName: syn.model.server_name,
    synapseDatabase:
      options.databases?.synapse ??
      (options.synapseDatabaseUri
        ? await clientConfigFromUri(options.synapseDatabaseUri, options.env ?? process.env)
        : await clientConfigFromParams(synapseDatabaseConnection(syn))),
    masDatabase: options.databases?.mas ?? (await clientConfigFromParams(masDatabaseConnection(mas))),
    synapseProviders: synapseProviders(syn).map((p) => ({ idpId: p.internalId, ...(p.config.issuer ? { issuer: p.config.issuer } : {}) })),
    masProviders,
    ...(encryptionKeyHex ? { encryptionKeyHex } : {}),
    ignoreMissingAuthProviders: options.ignoreMissingAuthProviders,
    writers: options.writers ?? defaultWriters,
    dryRun: options.dryRun,
  };
}
