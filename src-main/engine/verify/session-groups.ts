import type { Row } from './session-group-cursor';

/**
 * The unit the session side is compared in: SPEC §5's session rules hold
 * within one device of a user (its session, its access tokens, its refresh
 * pairs), or within one device-less access token (its own session), so
 * memory holds one group, however many devices or tokens a user has (a bot
 * that logs in without a device ID gets a device per login). Both streams
 * are sorted by user ID, device ID and own token, NULL first; a user's own
 * row (Synapse's part 0) has neither, so it comes first among its groups.
 */

/**
 * MAS's rows (masSessionRowsSql): user_id, part, then the part's columns;
 * a session (part 0) has its device ID in c1 and, without one, its own
 * token in c2; a token (parts 1–2) has itself in c1 and its session's
 * device ID in c2.
 */
export const masSessionOrder = `user_id COLLATE "C", (CASE WHEN part = 0 THEN c1 ELSE c2 END) COLLATE "C" NULLS FIRST,
  (CASE WHEN part = 0 THEN c2 WHEN c2 IS NULL THEN c1 END) COLLATE "C" NULLS FIRST, part, c1 COLLATE "C" NULLS FIRST,
  c2 COLLATE "C" NULLS FIRST`;

/** A row's device ID and own token (COPY-escaped; null for none). */
export const masGroupOf = (row: Row): readonly [string | null, string | null] => {
  if (row[1] === '0') return [row[2] ?? null, row[3] ?? null];
  const device = row[3] ?? null;
  return [device, device === null ? (row[2] ?? null) : null];
};
