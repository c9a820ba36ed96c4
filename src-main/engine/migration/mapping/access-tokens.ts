import { sessionColumns as c } from './session-columns';
import { type EntityStage, idScratch, msOrNull } from './stage';

/** This stage's columns of the sessions query. */
const [token, lastValidated, validUntil] = [7, 8, 12];

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
  map(row, [tokens, sessions], ctx) {
    const skip = row.text(c.reason);
    if (skip !== null) return skip;
    const created = msOrNull(row.int8(lastValidated)) ?? ctx.startMs;
    const sessionId = idScratch[0];
    if (row.isNull(c.deviceId)) {
      ctx.ids.fresh(created, sessionId);
      sessions!.row(11);
      sessions!.uuid(sessionId);
      sessions!.uuid(ctx.ids.mint('user', msOrNull(row.int8(c.userCreated)) ?? ctx.startMs, idScratch[1], row, c.userId));
      sessions!.null();
      sessions!.timestamp(created);
      sessions!.null();
      sessions!.bool(row.bool(c.admin));
      for (let i = 0; i < 5; i++) sessions!.null(); // last_active_at, last_active_ip, user_session_id, user_agent, human_name
    } else {
      ctx.ids.mint('device-session', msOrNull(row.int8(c.sessionStart)) ?? ctx.startMs, sessionId, row, c.userId, c.deviceId);
    }
    tokens!.row(5);
    tokens!.uuid(ctx.ids.fresh(created, idScratch[1]));
    tokens!.uuid(sessionId);
    tokens!.copyField(row, token);
    tokens!.timestamp(created);
    tokens!.timestampOrNull(msOrNull(row.int8(validUntil)));
    return undefined;
  },
};
