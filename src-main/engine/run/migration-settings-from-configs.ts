import { type MasConfig, masSecret } from '../config/mas/mas-config';
import { synapseProviders } from '../config/providers';
import type { SynapseConfig } from '../config/synapse/synapse-config';
import type { DatabaseConnector } from '../../connect/postgres/pg-helpers';
import { findLdapModule } from '../directory/ldap-module';
import { type DirectoryAccess, localDirectoryAccess } from '../directory/module-directory';
import { defaultWriters, type MasProviderSettings, type MigrationSettings } from './migration-settings';

export interface SettingsOptions {
  ignoreMissingAuthProviders: boolean;
  /** The source's own choice (a profile's); the engine's default when absent. */
  writers?: number;
  /** Both databases, already reachable (the source opened them its way: the configs, a URI, a profile, SSH). */
  databases: { synapse: DatabaseConnector; mas: DatabaseConnector };
  /** How the source reaches the LDAP module's files and directory (SPEC §11); default: from this computer. */
  directoryAccess?: DirectoryAccess;
  /** SPEC §11 `--ldap-id-attribute`, or the profile's choice. */
  ldapIdAttribute?: string;
}

/** A secret known here, or undefined when absent or only on the server ("unknown"). */
function known(value: string | undefined): string | undefined {
  return value === 'unknown' ? undefined : value;
}

/**
 * The engine's settings from the two loaded configs and the source's options.
 * A run's own choices (a real run, its writers) come with its `RunOptions`: until then the settings rehearse.
 */
export function migrationSettingsFromConfigs(syn: SynapseConfig, mas: MasConfig, options: SettingsOptions): MigrationSettings {
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
  const module = findLdapModule(syn);
  const encryptionKeyHex = known(masSecret(mas, mas.model.secrets?.encryption, 'secrets.encryption_file'));
  return {
    serverName: syn.model.server_name,
    synapseDatabase: options.databases.synapse,
    masDatabase: options.databases.mas,
    synapseProviders: synapseProviders(syn).map((p) => ({ idpId: p.internalId, ...(p.config.issuer ? { issuer: p.config.issuer } : {}) })),
    masProviders,
    ...(encryptionKeyHex ? { encryptionKeyHex } : {}),
    ignoreMissingAuthProviders: options.ignoreMissingAuthProviders,
    allowSynapseConnections: false,
    writers: options.writers ?? defaultWriters,
    dryRun: true,
    ...(module ? { directory: { syn, module, ...(options.directoryAccess ?? localDirectoryAccess) } } : {}),
    ...(options.ldapIdAttribute ? { ldapIdAttribute: options.ldapIdAttribute } : {}),
  };
}
