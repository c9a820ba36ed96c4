import { sessionColumns as c } from './session-columns';
import { type EntityStage, idScratch, msOrNull } from './stage';

/** This stage's columns of the sessions query. */
const [accessToken, lastValidated, refreshToken, validUntil] = [7, 8, 9, 12];

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
  map(row, [accessTokens, refreshTokens], ctx) {
    const skip = row.text(c.reason);
    if (skip !== null) return skip;
    const created = msOrNull(row.int8(lastValidated)) ?? ctx.startMs;
    const [sessionId, accessUuid, refreshUuid] = idScratch;
    ctx.ids.mint('device-session', msOrNull(row.int8(c.sessionStart)) ?? ctx.startMs, sessionId, row, c.userId, c.deviceId);
    ctx.ids.fresh(created, accessUuid);
    accessTokens!.row(5);
    accessTokens!.uuid(accessUuid);
    accessTokens!.uuid(sessionId);
    accessTokens!.copyField(row, accessToken);
    accessTokens!.timestamp(created);
    accessTokens!.timestampOrNull(msOrNull(row.int8(validUntil)));
    refreshTokens!.row(6);
    refreshTokens!.uuid(ctx.ids.fresh(created, refreshUuid));
    refreshTokens!.uuid(sessionId);
    refreshTokens!.uuid(accessUuid);
    refreshTokens!.copyField(row, refreshToken);
    refreshTokens!.timestamp(created);
    refreshTokens!.null();
    return undefined;
  },
};
