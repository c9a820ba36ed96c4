/**
 * Where the session rules (session-side.ts) read each value they need, in
 * the rows of whichever reading hands them over: Synapse's sorted source
 * (session-source.ts, `verify`) or the migration's own reads as they go by
 * (session-digest-tap.ts, `migrate --verify`). A flag's column is -1 where
 * the reading keeps only the rows it holds for.
 */
export interface SessionColumns {
  /** A user's own row: whether it gets sessions (sessionFlags.userGetsSessions), and its admin flag. */
  user: { sessions: number; admin: number };
  /** A device: kept (sessionFlags.deviceKept), and what its session holds. */
  device: { userId: number; deviceId: number; at: number; ip: number; userAgent: number; displayName: number; kept: number };
  /** An access token: the user's own (sessionFlags.tokenOwn), and what its rows hold. */
  token: { userId: number; deviceId: number; id: number; token: number; at: number; until: number; refreshId: number; own: number };
  /** A refresh token: its id and token, and whether it is superseded (sessionValues.refresh). */
  refresh: { id: number; token: number; superseded: number };
}

/** Whether a flag holds for a row (column -1: the reading kept only the rows it holds for). */
export const holds = (row: { bool(i: number): boolean | null }, column: number) => column < 0 || row.bool(column) === true;

/** Whether a fact is true of a row (column -1: the reading kept only the rows it is false of). */
export const isTrue = (row: { bool(i: number): boolean | null }, column: number) => column >= 0 && row.bool(column) === true;

/** SPEC §5: a user that migrates: a local user ID (of `:server_name`, SQL literal `S`), not an appservice's. */
export const isMigratedUser = (u: string, S: string) =>
  `${u}.appservice_id IS NULL AND starts_with(${u}.name, '@') AND char_length(${u}.name) > char_length(${S}) + 1
      AND right(${u}.name, char_length(${S})) = ${S}`;

/**
 * What the rules read of each Synapse row, as SQL over its alias: integers
 * cast to the bigint the binary reader reads, whatever type a Synapse
 * version gave the column.
 */
export const sessionValues = {
  device: (d: string) => ({
    userId: `${d}.user_id`,
    deviceId: `${d}.device_id`,
    at: `${d}.last_seen::bigint`,
    ip: `${d}.ip`,
    userAgent: `${d}.user_agent`,
    displayName: `${d}.display_name`,
  }),
  token: (a: string) => ({
    userId: `${a}.user_id`,
    deviceId: `${a}.device_id`,
    id: `${a}.id::bigint`,
    token: `${a}.token`,
    at: `${a}.last_validated::bigint`,
    until: `${a}.valid_until_ms::bigint`,
    refreshId: `${a}.refresh_token_id::bigint`,
  }),
  refresh: (r: string) => ({
    userId: `${r}.user_id`,
    deviceId: `${r}.device_id`,
    id: `${r}.id::bigint`,
    token: `${r}.token`,
    /** Superseded (SPEC §5): the next refresh token's access token was used. */
    superseded: `${r}.next_token_id IS NOT NULL AND EXISTS (SELECT 1 FROM access_tokens n WHERE n.refresh_token_id = ${r}.next_token_id AND n.used)`,
  }),
};

/** A user's admin flag, as their sessions carry it. */
export const userAdmin = (u: string) => `${u}.admin <> 0`;

/**
 * The session side's conditions (SPEC §5) as SQL over a Synapse row's
 * alias, each a boolean never NULL: the verifier's own, whichever reading
 * carries them.
 */
export const sessionFlags = {
  /** Migrated, and neither deactivated nor a guest. */
  userGetsSessions: (u: string, S: string) => `coalesce(${isMigratedUser(u, S)} AND ${u}.deactivated = 0 AND ${u}.is_guest = 0, false)`,
  /** Neither hidden (cross-signing keys) nor the guests' shared device. */
  deviceKept: (d: string) => `(NOT coalesce(${d}.hidden, false) AND ${d}.device_id <> 'guest_device')`,
  /** Not acting for another user (a puppet). */
  tokenOwn: (a: string) => `(${a}.puppets_user_id IS NULL)`,
  /** Not superseded. */
  refreshCurrent: (r: string) => `NOT (${sessionValues.refresh(r).superseded})`,
};
