import type { MasTable } from '../mas/mas-tables';

/**
 * How a compared value is read: `time` in microseconds since the epoch (the
 * Synapse side may say `start`: the migration start, SPEC §5), `ip` in
 * canonical form, `secret` compared but never shown (the examples never show
 * values anyway), `plain` as text.
 */
export type FieldKind = 'plain' | 'time' | 'ip' | 'secret';

export interface FieldSpec {
  /** The MAS column (or relationship) as the admin reads it in a difference. */
  name: string;
  kind: FieldKind;
}

/**
 * The row both sides of one table stream, column for column: the natural key
 * (the merge order), then the compared fields. `user` and `device` are the
 * columns (by index) that name a row in examples: a MAS username (a Matrix
 * user ID when `userIsId`) and a device ID; a registration token belongs to
 * no user, and is itself never shown.
 */
export interface TableLayout {
  table: MasTable;
  keys: readonly string[];
  fields: readonly FieldSpec[];
  user: number | null;
  userIsId?: true;
  device: number | null;
}

/** The session side (SPEC §5), compared user by user from one stream a side (compare-sessions.ts). */
export const sessionTables = ['compat_sessions', 'compat_access_tokens', 'compat_refresh_tokens'] as const;
export type SessionTable = (typeof sessionTables)[number];

const f = (name: string, kind: FieldKind = 'plain'): FieldSpec => ({ name, kind });
const time = (name: string) => f(name, 'time');
/** SPEC §5.1: a row's ULID carries its created_at in its first 48 bits. */
const idTime = (idColumn: string) => time(`${idColumn} (its ULID time)`);

/** Key columns are named alike on both sides, so one ORDER BY (orderByKeys) serves both. */
export const tableLayouts: Record<MasTable, TableLayout> = {
  users: {
    table: 'users',
    keys: ['username'],
    fields: [time('created_at'), time('locked_at'), time('deactivated_at'), f('can_request_admin'), f('is_guest'), idTime('user_id')],
    user: 0,
    device: null,
  },
  user_passwords: {
    table: 'user_passwords',
    keys: ['username'],
    fields: [f('hashed_password', 'secret'), f('version'), time('created_at'), f('upgraded_from_id'), idTime('user_password_id')],
    user: 0,
    device: null,
  },
  user_emails: {
    table: 'user_emails',
    keys: ['username', 'email'],
    fields: [time('created_at'), idTime('user_email_id')],
    user: 0,
    device: null,
  },
  user_unsupported_third_party_ids: {
    table: 'user_unsupported_third_party_ids',
    keys: ['username', 'medium', 'address'],
    fields: [time('created_at')],
    user: 0,
    device: null,
  },
  upstream_oauth_links: {
    table: 'upstream_oauth_links',
    keys: ['provider', 'subject'],
    fields: [f('user_id (its username)'), time('created_at'), f('human_account_name'), idTime('upstream_oauth_link_id')],
    user: 2,
    device: null,
  },
  // The session side is keyed by Matrix user ID first: both sides are read user by user, in Synapse's order.
  // A session without a device is the own session of one access token: that token tells them apart.
  compat_sessions: {
    table: 'compat_sessions',
    keys: ['user_id', 'device_id', 'own_token'],
    fields: [
      time('created_at'),
      time('finished_at'),
      f('is_synapse_admin'),
      time('last_active_at'),
      f('last_active_ip', 'ip'),
      f('user_session_id'),
      f('user_agent'),
      f('human_name'),
      idTime('compat_session_id'),
    ],
    user: 0,
    userIsId: true,
    device: 1,
  },
  compat_access_tokens: {
    table: 'compat_access_tokens',
    keys: ['user_id', 'token'],
    fields: [f("session's device_id"), time('created_at'), time('expires_at'), idTime('compat_access_token_id')],
    user: 0,
    userIsId: true,
    device: 2,
  },
  compat_refresh_tokens: {
    table: 'compat_refresh_tokens',
    keys: ['user_id', 'token'],
    fields: [
      f("session's device_id"),
      f('compat_access_token_id (its token)', 'secret'),
      f("access token's session is the same"),
      time('created_at'),
      time('consumed_at'),
      idTime('compat_refresh_token_id'),
    ],
    user: 0,
    userIsId: true,
    device: 2,
  },
  user_registration_tokens: {
    table: 'user_registration_tokens',
    keys: ['token'],
    fields: [
      f('usage_limit'),
      f('times_used'),
      time('created_at'),
      time('last_used_at'),
      time('expires_at'),
      time('revoked_at'),
      idTime('user_registration_token_id'),
    ],
    user: null,
    device: null,
  },
};
