/** The Synapse tables the migration reads and locks (SPEC §4.1). */
export const synapseTables = ['users', 'user_threepids', 'user_external_ids', 'devices', 'access_tokens', 'refresh_tokens'] as const;
export type SynapseTable = (typeof synapseTables)[number];

/** Read when present (SPEC §13): an older Synapse has no registration tokens, and the run says so and goes on. */
export const optionalSynapseTables = ['registration_tokens'] as const;

/** The MAS tables the migration writes (SPEC §3: the eight, and user_registration_tokens), in the order they are paused. */
export const masTables = [
  'users',
  'user_passwords',
  'user_emails',
  'user_unsupported_third_party_ids',
  'upstream_oauth_links',
  'compat_sessions',
  'compat_access_tokens',
  'compat_refresh_tokens',
  'user_registration_tokens',
] as const;
export type MasTable = (typeof masTables)[number];

/** Tables an older MAS lacks (SPEC §3): the run gives a notice and writes the others. */
export const optionalMasTables: ReadonlySet<MasTable> = new Set(['user_registration_tokens']);
