import { joinCopyLine } from '../copy-text';
import { deviceSkipReason, tokenCtes, userSkipReason } from './sql-fragments';
import { deviceSessionUuid, type EntityStage, iso, num } from './stage';

/**
 * Each refresh token of a migrated device with the access token carrying its
 * id → one compat access token and one compat refresh token in the device's
 * session, unless its successor's access token was already used (SPEC §5).
 */
export const refreshPairsStage: EntityStage = {
  id: 'refresh-pairs',
  label: 'Refreshable token pairs',
  source: 'refresh_tokens',
  outputs: ['compat_access_tokens', 'compat_refresh_tokens'],
  sql: (S) => `
    WITH ${tokenCtes}
    SELECT p.rt_id, p.rt_token, p.at_id, p.at_token, p.user_id, p.device_id, p.last_validated, p.valid_until_ms, ss.first_ms,
      COALESCE(${userSkipReason('p.user_id', 'u', S, true)}, ${deviceSkipReason('d')},
        CASE WHEN p.at_id IS NULL THEN 'no-access-token' WHEN p.successor_used THEN 'successor-used' END)
    FROM pair_tokens p LEFT JOIN users u ON u.name = p.user_id
    LEFT JOIN devices d ON d.user_id = p.user_id AND d.device_id = p.device_id
    LEFT JOIN session_start ss ON ss.user_id = p.user_id AND ss.device_id = p.device_id`,
  map(row, out, ctx) {
    const [refreshId, refreshToken, accessId, accessToken, userName, deviceId, lastValidated, validUntil, firstTokenMs, reason] = row;
    if (reason) return reason;
    const created = num(lastValidated) ?? ctx.startMs;
    const createdAt = iso(created);
    const expires = num(validUntil);
    const sessionId = deviceSessionUuid(ctx, userName!, deviceId!, firstTokenMs);
    const accessUuid = ctx.ids.uuid('access-token', accessId!, created);
    out[0]!.push(joinCopyLine([accessUuid, sessionId, accessToken, createdAt, expires === null ? null : iso(expires)]));
    out[1]!.push(joinCopyLine([ctx.ids.uuid('refresh-token', refreshId!, created), sessionId, accessUuid, refreshToken, createdAt, null]));
    return undefined;
  },
};
