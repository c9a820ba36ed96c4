import { columnMap, selectList, selectSql } from '../../connect/postgres/column-map';
import { deviceSkipReason, localpart, userCreatedMs, userSkipReason } from './sql-fragments';
import type { SqlContext } from './stage';
import type { TapColumns } from './user-merge-tap';

/** The tap's columns (user-merge-tap.ts), after the stream's own. */
const tapped = (q: SqlContext, stream: keyof TapColumns) => (q.tapColumns?.[stream] ? `, ${q.tapColumns[stream]}` : '');

/**
 * The streams the user merge reads (user-merge.ts), each a plain read of
 * one Synapse table in the same order, by user ID (then device ID): an
 * index scan where Synapse has the index, else a sort. Only the users
 * stream computes anything (the facts every row of the user needs), once
 * per user. Numbers are cast to the bigint the binary reader expects,
 * whatever integer type a Synapse version gave the column.
 */

/**
 * users: why the user is skipped, with all its rows (SPEC §5; NULL: they
 * migrate), and why its sessions and tokens are (deactivated users and
 * guests get none), its created_at, and what its MAS users and
 * user_passwords rows hold (users.ts).
 */
export const userColumns = columnMap([
  'name',
  'reason',
  'sessionReason',
  'admin',
  'guest',
  'createdMs',
  'noCreationTs',
  'username',
  'deactivated',
  'locked',
  'passwordHash',
]);
const userSql = (S: string) => ({
  name: 'u.name',
  reason: userSkipReason('u', S, false),
  sessionReason: userSkipReason('u', S, true),
  admin: 'u.admin <> 0',
  guest: 'u.is_guest <> 0',
  createdMs: userCreatedMs('u'),
  noCreationTs: 'u.creation_ts IS NULL',
  username: localpart('u.name', S),
  deactivated: 'u.deactivated <> 0',
  locked: 'u.locked',
  passwordHash: 'u.password_hash',
});
export const usersSelect = (q: SqlContext) => `
  SELECT ${selectList(userColumns, userSql(q.serverSuffix))}${tapped(q, 'users')}
  FROM users u ${q.orderBy('u.name')}`;

/** user_threepids. */
export const threepidColumns = columnMap(['userId', 'medium', 'address', 'addedAt']);
export const threepidsSelect = (q: SqlContext) => `
  SELECT ${selectList(threepidColumns, { userId: 't.user_id', medium: 't.medium', address: 't.address', addedAt: 't.added_at::bigint' })}
  FROM user_threepids t ${q.orderBy('t.user_id')}`;

/** user_external_ids. */
export const externalIdColumns = columnMap(['userId', 'provider', 'subject']);
export const externalIdsSelect = (q: SqlContext) => `
  SELECT ${selectList(externalIdColumns, { userId: 'e.user_id', provider: 'e.auth_provider', subject: 'e.external_id' })}
  FROM user_external_ids e ${q.orderBy('e.user_id')}`;

/** devices, with why a device of an active user gets no session. */
export const deviceColumns = columnMap(['userId', 'deviceId', 'displayName', 'lastSeen', 'ip', 'userAgent', 'reason']);
const deviceSql = {
  userId: 'd.user_id',
  deviceId: 'd.device_id',
  displayName: 'd.display_name',
  lastSeen: 'd.last_seen::bigint',
  ip: 'd.ip',
  userAgent: 'd.user_agent',
  reason: deviceSkipReason('d'),
};
export const devicesSelect = (q: SqlContext) => `
  SELECT ${selectList(deviceColumns, deviceSql)}${tapped(q, 'devices')}
  FROM devices d ${q.orderBy('d.user_id', 'd.device_id')}`;

/** access_tokens, refreshable or not (a refresh token's access token is in its group); deviceless ones last. */
export const tokenColumns = columnMap(['userId', 'deviceId', 'id', 'token', 'lastValidated', 'validUntil', 'refreshTokenId', 'puppet']);
const tokenSql = {
  userId: 'a.user_id',
  deviceId: 'a.device_id',
  id: 'a.id::bigint',
  token: 'a.token',
  lastValidated: 'a.last_validated::bigint',
  validUntil: 'a.valid_until_ms::bigint',
  refreshTokenId: 'a.refresh_token_id::bigint',
  puppet: 'a.puppets_user_id IS NOT NULL',
};
export const tokensSelect = (q: SqlContext) => `
  SELECT ${selectList(tokenColumns, tokenSql)}${tapped(q, 'tokens')}
  FROM access_tokens a ${q.orderBy('a.user_id', 'a.device_id')}`;

/** refresh_tokens, with whether the successor's access token was used (SPEC §5: then this pair is superseded). */
export const refreshColumns = columnMap(['userId', 'deviceId', 'id', 'token', 'successorUsed']);
const refreshSql = {
  userId: 'r.user_id',
  deviceId: 'r.device_id',
  id: 'r.id::bigint',
  token: 'r.token',
  successorUsed:
    'r.next_token_id IS NOT NULL AND EXISTS (SELECT 1 FROM access_tokens n WHERE n.refresh_token_id = r.next_token_id AND n.used)',
};
export const refreshSelect = (q: SqlContext) => `
  SELECT ${selectList(refreshColumns, refreshSql)}${tapped(q, 'refresh')}
  FROM refresh_tokens r ${q.orderBy('r.user_id', 'r.device_id')}`;

/**
 * Each stream's own columns as SQL, in their order, a tap's after them
 * (user-merge-tap.ts). `S`: SQL literal of `:server_name`.
 */
export const streamSql = (S: string): Record<keyof TapColumns, readonly string[]> => ({
  users: selectSql(userColumns, userSql(S)),
  devices: selectSql(deviceColumns, deviceSql),
  tokens: selectSql(tokenColumns, tokenSql),
  refresh: selectSql(refreshColumns, refreshSql),
});
