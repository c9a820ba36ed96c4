import type { CopyRow, CopyRows } from '../../connect/postgres/copy-binary';
import { tokenColumns as t } from './user-streams';
import { type EntityStage, type MappingContext, msOrNull } from './stage';

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
};

/** A token's created_at: last_validated, else the migration start. */
export const tokenCreatedMs = (token: CopyRow, ctx: MappingContext) => msOrNull(token.int8(t.lastValidated)) ?? ctx.startMs;

/** An access token (its row of the tokens stream) in the session `sessionId`; writes its own id into `id`. */
export function writeAccessToken(token: CopyRow, sessionId: Uint8Array, id: Uint8Array, tokens: CopyRows, ctx: MappingContext): void {
  const created = tokenCreatedMs(token, ctx);
  tokens.row(5);
  tokens.uuid(ctx.ids.fresh(created, id));
  tokens.uuid(sessionId);
  tokens.copyField(token, t.token);
  tokens.timestamp(created);
  tokens.timestampOrNull(msOrNull(token.int8(t.validUntil)));
}
