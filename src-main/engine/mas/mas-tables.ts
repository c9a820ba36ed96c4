import type { MasTable } from '../../../src-shared/domain/migration-tables';

export { type MasTable, masTables, optionalMasTables } from '../../../src-shared/domain/migration-tables';

/** The columns the migration writes of each MAS table (SPEC §3). */
export const masTableColumns: Record<MasTable, readonly string[]> = {
  users: ['user_id', 'username', 'created_at', 'locked_at', 'deactivated_at', 'can_request_admin', 'is_guest'],
  user_passwords: ['user_password_id', 'user_id', 'hashed_password', 'created_at', 'version', 'upgraded_from_id'],
  user_emails: ['user_email_id', 'user_id', 'email', 'created_at'],
  user_unsupported_third_party_ids: ['user_id', 'medium', 'address', 'created_at'],
  upstream_oauth_links: ['upstream_oauth_link_id', 'upstream_oauth_provider_id', 'user_id', 'subject', 'created_at', 'human_account_name'],
  compat_sessions: [
    'compat_session_id',
    'user_id',
    'device_id',
    'created_at',
    'finished_at',
    'is_synapse_admin',
    'last_active_at',
    'last_active_ip',
    'user_session_id',
    'user_agent',
    'human_name',
  ],
  compat_access_tokens: ['compat_access_token_id', 'compat_session_id', 'access_token', 'created_at', 'expires_at'],
  compat_refresh_tokens: [
    'compat_refresh_token_id',
    'compat_session_id',
    'compat_access_token_id',
    'refresh_token',
    'created_at',
    'consumed_at',
  ],
  user_registration_tokens: [
    'user_registration_token_id',
    'token',
    'usage_limit',
    'times_used',
    'created_at',
    'last_used_at',
    'expires_at',
    'revoked_at',
  ],
};

/** Columns of `upstream_oauth_providers` the provider rows need (SPEC §4.5). */
export const providerTableColumns = [
  'upstream_oauth_provider_id',
  'issuer',
  'human_name',
  'brand_name',
  'scope',
  'client_id',
  'encrypted_client_secret',
  'token_endpoint_auth_method',
  'discovery_mode',
  'pkce_mode',
  'fetch_userinfo',
  'response_mode',
  'created_at',
  'claims_imports',
];

/** While migrating, each table hides under this name so a MAS started by mistake cannot see half-written data. */
export function pausedName(table: MasTable): string {
  return `syn2mas__${table}`;
}

export const restoreConstraintsTable = 'syn2mas_restore_constraints';
export const restoreIndicesTable = 'syn2mas_restore_indices';
