import type { DatabaseConnector } from '../../connect/postgres/pg-helpers';

/** A MAS upstream provider as the MAS config declares it (SPEC §1.3), with what §4.5 needs to insert its row. */
export interface MasProviderSettings {
  /** ULID from the MAS config. */
  id: string;
  /** The Synapse internal provider ID it takes over (SPEC §1.2), if any. */
  synapseIdpId?: string;
  issuer?: string;
  humanName?: string;
  brandName?: string;
  clientId: string;
  clientSecret?: string;
  tokenEndpointAuthMethod: string;
  scope: string;
  discoveryMode?: string;
  pkceMethod?: string;
  fetchUserinfo?: boolean;
  responseMode?: string;
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  userinfoEndpoint?: string;
  jwksUri?: string;
  /** As the config gives them (JSON); `{}` when absent. */
  claimsImports: Record<string, unknown>;
  /** The provider's position in the config's list (MAS orders the login buttons by it). */
  uiOrder: number;
  /** `enabled: false` in the config: the row is inserted disabled. */
  enabled: boolean;
}

export interface SynapseProviderSettings {
  idpId: string;
  issuer?: string;
}

/**
 * Everything the engine needs, already loaded from the configs and the
 * command line or profile. The engine reads no files itself.
 */
export interface MigrationSettings {
  serverName: string;
  synapseDatabase: DatabaseConnector;
  masDatabase: DatabaseConnector;
  /** The OIDC providers configured in Synapse, by internal ID (SPEC §1.2). */
  synapseProviders: SynapseProviderSettings[];
  masProviders: MasProviderSettings[];
  /** MAS `secrets.encryption` as 64 hex characters; needed only to insert providers with a client secret. */
  encryptionKeyHex?: string;
  ignoreMissingAuthProviders: boolean;
  /** Let a real run go ahead while other sessions are connected to Synapse's database (SPEC §2 synapse-connections). */
  allowSynapseConnections: boolean;
  /** Writer connections to MAS (the reference tool uses 8). */
  writers: number;
  dryRun: boolean;
  /** LDAP (SPEC §11): the directory attribute Dex gives as the user's ID, when not the module's uid attribute. */
  ldapIdAttribute?: string;
}

export const defaultWriters = 8;
