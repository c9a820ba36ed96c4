/** The Synapse tables the migration reads and locks (SPEC §4.1). */
export const synapseTables = ['users', 'user_threepids', 'user_external_ids', 'devices', 'access_tokens', 'refresh_tokens'] as const;
export type SynapseTable = (typeof synapseTables)[number];

/** The eight MAS tables the migration writes (SPEC §3), in the order they are paused. */
export const masTables = [
  'users',
  'user_passwords',
  'user_emails',
  'user_unsupported_third_party_ids',
  'upstream_oauth_links',
  'compat_sessions',
  'compat_access_tokens',
  'compat_refresh_tokens',
] as const;
export type MasTable = (typeof masTables)[number];
