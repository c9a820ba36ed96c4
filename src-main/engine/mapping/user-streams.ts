import { deviceSkipReason, userCreatedMs, userSkipReason } from './sql-fragments';
import type { SqlContext } from './stage';

/**
 * The streams the user merge reads (user-merge.ts), each a plain read of
 * one Synapse table in the same order, by user ID (then device ID): an
 * index scan where Synapse has the index, else a sort. Only the users
 * stream computes anything (the facts every row of the user needs), once
 * per user. Numbers are cast to the bigint the binary reader expects,
 * whatever integer type a Synapse version gave the column.
 */

/**
 * users: why the user's rows are skipped (SPEC §5; NULL: they migrate) and
 * why its sessions and tokens are (deactivated users and guests get none),
 * its admin flag and created_at.
 */
export const userColumns = { name: 0, reason: 1, sessionReason: 2, admin: 3, createdMs: 4 } as const;
export const usersSelect = (q: SqlContext) => `
  SELECT u.name, ${userSkipReason('u', q.serverSuffix, false)}, ${userSkipReason('u', q.serverSuffix, true)},
    u.admin <> 0, ${userCreatedMs('u')}
  FROM users u ${q.orderBy('u.name')}`;

/** user_threepids. */
export const threepidColumns = { userId: 0, medium: 1, address: 2, addedAt: 3 } as const;
export const threepidsSelect = (q: SqlContext) => `
  SELECT t.user_id, t.medium, t.address, t.added_at::bigint FROM user_threepids t ${q.orderBy('t.user_id')}`;

/** user_external_ids. */
export const externalIdColumns = { userId: 0, provider: 1, subject: 2 } as const;
export const externalIdsSelect = (q: SqlContext) => `
  SELECT e.user_id, e.auth_provider, e.external_id FROM user_external_ids e ${q.orderBy('e.user_id')}`;

/** devices, with why a device of an active user gets no session. */
export const deviceColumns = { userId: 0, deviceId: 1, displayName: 2, lastSeen: 3, ip: 4, userAgent: 5, reason: 6 } as const;
export const devicesSelect = (q: SqlContext) => `
  SELECT d.user_id, d.device_id, d.display_name, d.last_seen::bigint, d.ip, d.user_agent, ${deviceSkipReason('d')}
  FROM devices d ${q.orderBy('d.user_id', 'd.device_id')}`;

/** access_tokens, refreshable or not (a refresh token's access token is in its group); deviceless ones last. */
export const tokenColumns = {
  userId: 0,
  deviceId: 1,
  id: 2,
  token: 3,
  lastValidated: 4,
  validUntil: 5,
  refreshTokenId: 6,
  puppet: 7,
} as const;
export const tokensSelect = (q: SqlContext) => `
  SELECT a.user_id, a.device_id, a.id::bigint, a.token, a.last_validated::bigint, a.valid_until_ms::bigint,
    a.refresh_token_id::bigint, a.puppets_user_id IS NOT NULL
  FROM access_tokens a ${q.orderBy('a.user_id', 'a.device_id')}`;

/** refresh_tokens, with whether the successor's access token was used (SPEC §5: then this pair is superseded). */
export const refreshColumns = { userId: 0, deviceId: 1, id: 2, token: 3, successorUsed: 4 } as const;
export const refreshSelect = (q: SqlContext) => `
  SELECT r.user_id, r.device_id, r.id::bigint, r.token,
    r.next_token_id IS NOT NULL AND EXISTS (SELECT 1 FROM access_tokens n WHERE n.refresh_token_id = r.next_token_id AND n.used)
  FROM refresh_tokens r ${q.orderBy('r.user_id', 'r.device_id')}`;
