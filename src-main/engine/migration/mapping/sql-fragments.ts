/**
 * SQL shared by the stage queries and the integrity scan. Each dependent row
 * brings its user's facts through a join, so the engine never keeps a map of
 * users (DESIGN: Performance approach).
 */

/**
 * True when `col` is `@localpart:server_name` with a non-empty localpart (S
 * is the literal of `:server_name`). One LIKE against a constant pattern
 * (the planner folds the escaping of S's wildcards) instead of length and
 * substring arithmetic per row: it runs on every row of every table.
 */
export function validUserId(col: string, S: string): string {
  return `(${col} LIKE ('@_%' || replace(replace(replace(${S}, '\\', '\\\\'), '%', '\\%'), '_', '\\_')))`;
}

/** The localpart of a valid user ID `col`, NULL otherwise (CASE guards substr from malformed IDs). */
export function localpart(col: string, S: string): string {
  return `CASE WHEN ${validUserId(col, S)} THEN substr(${col}, 2, char_length(${col}) - char_length(${S}) - 1) END`;
}

/**
 * The user's created_at in ms: creation_ts (seconds), else the earliest
 * known activity (improves on the reference tool); NULL means "use the
 * migration start". COALESCE evaluates the subquery only when needed.
 */
export function userCreatedMs(u: string): string {
  return `COALESCE(${u}.creation_ts * 1000, (SELECT min(ts) FROM (
      SELECT min(added_at) FROM user_threepids WHERE user_id = ${u}.name
      UNION ALL SELECT min(last_seen) FROM devices WHERE user_id = ${u}.name
      UNION ALL SELECT min(last_validated) FROM access_tokens WHERE user_id = ${u}.name) AS activity(ts)))`;
}

/**
 * Why a row of a dependent table cannot be migrated because of its user
 * (NULL when it can). `forSessions`: deactivated users and guests get no
 * sessions or tokens (SPEC §5).
 */
export function userSkipReason(col: string, u: string, S: string, forSessions: boolean): string {
  const sessionRules = forSessions ? `WHEN ${u}.deactivated <> 0 THEN 'user-deactivated' WHEN ${u}.is_guest <> 0 THEN 'guest-user'` : '';
  return `CASE WHEN NOT ${validUserId(col, S)} THEN 'user-id-invalid' WHEN ${u}.name IS NULL THEN 'user-missing'
    WHEN ${u}.appservice_id IS NOT NULL THEN 'appservice-user' ${sessionRules} END`;
}

/** Why a device (joined as `d`, possibly missing) gets no session. */
export function deviceSkipReason(d: string): string {
  return `CASE WHEN ${d}.device_id IS NULL THEN 'device-missing' WHEN ${d}.hidden THEN 'device-hidden' WHEN ${d}.device_id = 'guest_device' THEN 'guest-device' END`;
}

/**
 * `pair_tokens`: each refresh token with the newest access token carrying its
 * id (same user and device), and whether its successor's access token was
 * used. `session_start`: per device, the earliest last_validated among the
 * tokens that are migrated, which is the session's created_at (SPEC §5).
 */
export const tokenCtes = `
pair_tokens AS (
  SELECT rt.id AS rt_id, rt.token AS rt_token, rt.user_id, rt.device_id, a.id AS at_id, a.token AS at_token, a.last_validated, a.valid_until_ms,
    (rt.next_token_id IS NOT NULL AND EXISTS (SELECT 1 FROM access_tokens n WHERE n.refresh_token_id = rt.next_token_id AND n.used)) AS successor_used
  FROM refresh_tokens rt
  LEFT JOIN LATERAL (
    SELECT a.id, a.token, a.last_validated, a.valid_until_ms FROM access_tokens a
    WHERE a.refresh_token_id = rt.id AND a.user_id = rt.user_id AND a.device_id = rt.device_id AND a.puppets_user_id IS NULL
    ORDER BY a.id DESC LIMIT 1) a ON true
),
session_start AS (
  SELECT user_id, device_id, min(ts) AS first_ms FROM (
    SELECT user_id, device_id, last_validated AS ts FROM access_tokens
    WHERE device_id IS NOT NULL AND refresh_token_id IS NULL AND puppets_user_id IS NULL
    UNION ALL
    SELECT user_id, device_id, last_validated FROM pair_tokens WHERE at_id IS NOT NULL AND NOT successor_used
  ) AS t GROUP BY user_id, device_id
)`;
