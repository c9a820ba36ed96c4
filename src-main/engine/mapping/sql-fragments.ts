/**
 * SQL shared by the stage reads and the integrity scan. A user's facts are
 * computed once, on the users stream; the rows that belong to the user meet
 * them in the user merge (user-merge.ts), so the engine never keeps a map of
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

/** The last second PostgreSQL and a ULID both take here (the end of year 9999): larger seconds would overflow as milliseconds. */
const maxCreationSeconds = 253402300799;

/**
 * The user's created_at in ms: creation_ts (seconds), else, when it is NULL,
 * the earliest known activity (improves on the reference tool); NULL means
 * "use the migration start", as for a creation_ts out of range. The
 * subquery runs only for users without creation_ts.
 */
export function userCreatedMs(u: string): string {
  return `CASE WHEN ${u}.creation_ts BETWEEN 0 AND ${maxCreationSeconds} THEN ${u}.creation_ts::bigint * 1000
    WHEN ${u}.creation_ts IS NULL THEN (SELECT min(ts)::bigint FROM (
      SELECT min(added_at) FROM user_threepids WHERE user_id = ${u}.name
      UNION ALL SELECT min(last_seen) FROM devices WHERE user_id = ${u}.name
      UNION ALL SELECT min(last_validated) FROM access_tokens WHERE user_id = ${u}.name) AS activity(ts)) END`;
}

/** Users that get no sessions or tokens (SPEC §5), as CASE branches on the user `u`. */
const sessionlessUser = (u: string) => `WHEN ${u}.deactivated <> 0 THEN 'user-deactivated' WHEN ${u}.is_guest <> 0 THEN 'guest-user'`;

/**
 * Why the rows that belong to the user `u` (a row of users) cannot be
 * migrated (NULL when they can). `forSessions`: deactivated users and
 * guests get no sessions or tokens (SPEC §5).
 */
export function userSkipReason(u: string, S: string, forSessions: boolean): string {
  return `CASE WHEN NOT ${validUserId(`${u}.name`, S)} THEN 'user-id-invalid'
    WHEN ${u}.appservice_id IS NOT NULL THEN 'appservice-user' ${forSessions ? sessionlessUser(u) : ''} END`;
}

/** Why a device (the row `d` of devices) gets no session. */
export function deviceSkipReason(d: string): string {
  return `CASE WHEN ${d}.hidden THEN 'device-hidden' WHEN ${d}.device_id = 'guest_device' THEN 'guest-device' END`;
}
