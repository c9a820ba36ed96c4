import { joinCopyLine } from '../copy-text';
import { deviceSkipReason, tokenCtes, userCreatedMs, userSkipReason } from './sql-fragments';
import { deviceSessionUuid, type EntityStage, iso, num, userUuid } from './stage';

/**
 * Access tokens without a refresh token → compat_access_tokens in their
 * device's session; a token without a device gets a session of its own,
 * keeping the user's admin flag (improves on the reference tool). Puppet
 * tokens and tokens of unmigrated devices are skipped (SPEC §5).
 */
export const accessTokensStage: EntityStage = {
  id: 'access-tokens',
  label: 'Non-refreshable access tokens',
  source: 'access_tokens',
  outputs: ['compat_access_tokens', 'compat_sessions'],
  sql: (S) => `
    WITH ${tokenCtes}
    SELECT a.id, a.user_id, a.device_id, a.token, a.last_validated, a.valid_until_ms, u.admin <> 0, ${userCreatedMs('u')}, ss.first_ms,
      CASE WHEN a.puppets_user_id IS NOT NULL THEN 'puppet-token'
        ELSE COALESCE(${userSkipReason('a.user_id', 'u', S, true)}, CASE WHEN a.device_id IS NOT NULL THEN ${deviceSkipReason('d')} END) END
    FROM access_tokens a LEFT JOIN users u ON u.name = a.user_id
    LEFT JOIN devices d ON d.user_id = a.user_id AND d.device_id = a.device_id
    LEFT JOIN session_start ss ON ss.user_id = a.user_id AND ss.device_id = a.device_id
    WHERE a.refresh_token_id IS NULL`,
  map(row, out, ctx) {
    const [tokenId, userName, deviceId, token, lastValidated, validUntil, admin, userCreated, firstTokenMs, reason] = row;
    if (reason) return reason;
    const created = num(lastValidated) ?? ctx.startMs;
    const expires = num(validUntil);
    let sessionId: string;
    if (deviceId === null || deviceId === undefined) {
      sessionId = ctx.ids.uuid('token-session', tokenId!, created);
      out[1]!.push(
        joinCopyLine([
          sessionId,
          userUuid(ctx, userName!, userCreated),
          null,
          iso(created),
          null,
          admin === 't',
          null,
          null,
          null,
          null,
          null,
        ]),
      );
    } else {
      sessionId = deviceSessionUuid(ctx, userName!, deviceId!, firstTokenMs);
    }
    out[0]!.push(
      joinCopyLine([
        ctx.ids.uuid('access-token', tokenId!, created),
        sessionId,
        token,
        iso(created),
        expires === null ? null : iso(expires),
      ]),
    );
    return undefined;
  },
};
