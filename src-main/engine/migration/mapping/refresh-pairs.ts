import { sessionColumns as c } from './session-columns';
import { type EntityStage, idScratch, msOrNull } from './stage';

/** This stage's columns of the sessions query. */
const [accessToken, lastValidated, refreshToken, accessId, validUntil, refreshId] = [7, 8, 9, 11, 12, 13];

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
    ctx.ids.mint('access-token', created, accessUuid, row, accessId);
    accessTokens!.row(5);
    accessTokens!.uuid(accessUuid);
    accessTokens!.uuid(sessionId);
    accessTokens!.copyField(row, accessToken);
    accessTokens!.timestamp(created);
    accessTokens!.timestampOrNull(msOrNull(row.int8(validUntil)));
    refreshTokens!.row(6);
    refreshTokens!.uuid(ctx.ids.mint('refresh-token', created, refreshUuid, row, refreshId));
    refreshTokens!.uuid(sessionId);
    refreshTokens!.uuid(accessUuid);
    refreshTokens!.copyField(row, refreshToken);
    refreshTokens!.timestamp(created);
    refreshTokens!.null();
    return undefined;
  },
};
