import type { CopyRow, CopyRows } from '../../connect/postgres/copy-binary';
import { tokenCreatedMs, writeAccessToken } from './access-tokens';
import { refreshColumns as r } from './user-streams';
import type { EntityStage, MappingContext } from './stage';

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
};

const accessUuid = new Uint8Array(16);
const refreshUuid = new Uint8Array(16);

/** A refresh token (its row of the refresh stream) and its access token (of the tokens stream), both created when the access token was last validated. */
export function writeRefreshPair(
  refresh: CopyRow,
  access: CopyRow,
  sessionId: Uint8Array,
  [accessTokens, refreshTokens]: readonly CopyRows[],
  ctx: MappingContext,
): void {
  writeAccessToken(access, sessionId, accessUuid, accessTokens!, ctx);
  const created = tokenCreatedMs(access, ctx);
  refreshTokens!.row(6);
  refreshTokens!.uuid(ctx.ids.fresh(created, refreshUuid));
  refreshTokens!.uuid(sessionId);
  refreshTokens!.uuid(accessUuid);
  refreshTokens!.copyField(refresh, r.token);
  refreshTokens!.timestamp(created);
  refreshTokens!.null(); // consumed_at
}
