import type { MasTable } from '../mas/mas-tables';
import { orderByKeys } from './key-order';
import type { TableLayout } from './table-layouts';

/**
 * What MAS must hold, recomputed from Synapse (SPEC §5), one SELECT per MAS
 * table streaming the columns of its TableLayout in key order. Written
 * from the rules, apart from the migration's own queries on purpose: a
 * verifier that reused them would prove nothing.
 */

export interface ExpectedContext {
  /** SQL literal of `:server_name`. */
  serverSuffix: string;
  /** Synapse auth_provider → MAS upstream provider id (uuid text), from the MAS config's synapse_idp_id. */
  providers: ReadonlyMap<string, string>;
  literal: (value: string) => string;
  /** Whether Synapse has registration_tokens (an older one has none). */
  synapseHasTokens: boolean;
}

/** The last millisecond PostgreSQL and a ULID both take: times beyond it (sentinels like 2^63-1) are unknown. */
const lastMs = 253402300799999;

/** A Synapse millisecond time in microseconds, NULL when missing or out of range. */
const micros = (ms: string) => `(CASE WHEN ${ms} BETWEEN 0 AND ${lastMs} THEN ${ms} * 1000 END)`;
/** …or `start`: the row gets the migration start instead. */
export const microsOrStart = (ms: string) => `COALESCE(${micros(ms)}::text, 'start')`;

/** Users that are migrated, with the facts dependent rows need. */
export function migratedUsers(S: string): string {
  return `migrated_users AS (
    SELECT u.name, substr(u.name, 2, char_length(u.name) - char_length(${S}) - 1) AS username,
      u.admin <> 0 AS admin, u.is_guest <> 0 AS guest, u.deactivated <> 0 AS deactivated, coalesce(u.locked, false) AS locked,
      u.password_hash,
      -- creation_ts is in seconds; without it, the user's earliest known activity.
      CASE WHEN u.creation_ts IS NOT NULL THEN u.creation_ts * 1000 ELSE least(
        (SELECT min(t.added_at) FROM user_threepids t WHERE t.user_id = u.name),
        (SELECT min(d.last_seen) FROM devices d WHERE d.user_id = u.name),
        (SELECT min(a.last_validated) FROM access_tokens a WHERE a.user_id = u.name)) END AS created_ms
    FROM users u
    WHERE u.appservice_id IS NULL AND starts_with(u.name, '@') AND char_length(u.name) > char_length(${S}) + 1
      AND right(u.name, char_length(${S})) = ${S}
  )`;
}

/**
 * The session side of SPEC §5: devices that become sessions, the access
 * tokens without refresh token they keep (or that get their own session),
 * the refreshable pairs, and each device's first token use.
 */
function sessionCtes(S: string): string {
  return `${migratedUsers(S)},
  -- Only what sessions need: it is materialized, and created_ms would cost three lookups a user without creation_ts.
  session_users AS (SELECT name, username, admin FROM migrated_users WHERE NOT deactivated AND NOT guest),
  -- Narrow on purpose: it is materialized, and user agents can be long.
  kept_devices AS (
    SELECT d.user_id, d.device_id, s.username, s.admin
    FROM devices d JOIN session_users s ON s.name = d.user_id
    WHERE NOT coalesce(d.hidden, false) AND d.device_id <> 'guest_device'
  ),
  plain_tokens AS (
    SELECT a.token, s.username, a.device_id, a.last_validated, a.valid_until_ms, s.admin
    FROM access_tokens a JOIN session_users s ON s.name = a.user_id
    WHERE a.refresh_token_id IS NULL AND a.puppets_user_id IS NULL
      AND (a.device_id IS NULL OR EXISTS (SELECT 1 FROM kept_devices k WHERE k.user_id = a.user_id AND k.device_id = a.device_id))
  ),
  -- The access token carrying each refresh token's id on the same user and device (the newest, should there be several).
  carriers AS (
    SELECT DISTINCT ON (r.id) r.id AS refresh_id, a.token, a.last_validated, a.valid_until_ms
    FROM refresh_tokens r
    JOIN access_tokens a ON a.refresh_token_id = r.id AND a.user_id = r.user_id AND a.device_id = r.device_id AND a.puppets_user_id IS NULL
    ORDER BY r.id, a.id DESC
  ),
  pairs AS (
    SELECT r.token AS refresh_token, k.username, k.device_id, c.token AS access_token, c.last_validated, c.valid_until_ms
    FROM refresh_tokens r
    JOIN kept_devices k ON k.user_id = r.user_id AND k.device_id = r.device_id
    JOIN carriers c ON c.refresh_id = r.id
    -- Superseded: the next refresh token's access token was already used.
    WHERE NOT EXISTS (SELECT 1 FROM access_tokens n WHERE n.refresh_token_id = r.next_token_id AND n.used)
  ),
  first_use AS (
    SELECT username, device_id, min(last_validated) AS ms FROM (
      SELECT username, device_id, last_validated FROM plain_tokens WHERE device_id IS NOT NULL
      UNION ALL SELECT username, device_id, last_validated FROM pairs) AS t
    GROUP BY username, device_id
  )`;
}

function providerValues(ctx: ExpectedContext): string {
  const rows = [...ctx.providers].map(([idp, uuid]) => `(${ctx.literal(idp)}, ${ctx.literal(uuid)})`);
  return rows.length ? `(VALUES ${rows.join(', ')}) AS p(idp, uuid)` : '(SELECT NULL::text, NULL::text WHERE false) AS p(idp, uuid)';
}

const selects: Record<MasTable, (S: string, ctx: ExpectedContext) => string> = {
  users: (S) => `WITH ${migratedUsers(S)}
    SELECT username, ${microsOrStart('created_ms')},
      CASE WHEN locked THEN ${microsOrStart('created_ms')} END, CASE WHEN deactivated THEN ${microsOrStart('created_ms')} END,
      admin, guest, ${microsOrStart('created_ms')}
    FROM migrated_users`,
  user_passwords: (S) => `WITH ${migratedUsers(S)}
    SELECT username, password_hash, 1, ${microsOrStart('created_ms')}, false, ${microsOrStart('created_ms')}
    FROM migrated_users WHERE password_hash IS NOT NULL`,
  user_emails: (S) => `WITH ${migratedUsers(S)}
    SELECT m.username, t.address AS email, ${microsOrStart('t.added_at')}, ${microsOrStart('t.added_at')}
    FROM user_threepids t JOIN migrated_users m ON m.name = t.user_id WHERE t.medium = 'email'`,
  user_unsupported_third_party_ids: (S) => `WITH ${migratedUsers(S)}
    SELECT m.username, t.medium, t.address, ${microsOrStart('t.added_at')}
    FROM user_threepids t JOIN migrated_users m ON m.name = t.user_id WHERE t.medium <> 'email'`,
  // Links of providers no MAS provider takes over are skipped (or refused by the checks), as are an earlier MAS setup's.
  upstream_oauth_links: (S, ctx) => `WITH ${migratedUsers(S)}
    SELECT p.uuid AS provider, e.external_id AS subject, m.username, ${microsOrStart('m.created_ms')}, NULL::text, ${microsOrStart('m.created_ms')}
    FROM user_external_ids e JOIN migrated_users m ON m.name = e.user_id JOIN ${providerValues(ctx)} ON p.idp = e.auth_provider
    WHERE e.auth_provider <> 'oauth-delegated'`,
  compat_sessions: (S) => `WITH ${sessionCtes(S)}
    SELECT k.username, k.device_id, NULL::text AS own_token, ${microsOrStart('f.ms')}, NULL::bigint, k.admin, ${micros('d.last_seen')},
      d.ip, NULL::text, d.user_agent, d.display_name, ${microsOrStart('f.ms')}
    FROM kept_devices k JOIN devices d ON d.user_id = k.user_id AND d.device_id = k.device_id
    LEFT JOIN first_use f ON f.username = k.username AND f.device_id = k.device_id
    UNION ALL
    SELECT t.username, NULL, t.token, ${microsOrStart('t.last_validated')}, NULL, t.admin, NULL, NULL, NULL, NULL, NULL,
      ${microsOrStart('t.last_validated')}
    FROM plain_tokens t WHERE t.device_id IS NULL`,
  compat_access_tokens: (S) => `WITH ${sessionCtes(S)}
    SELECT token, username, device_id, ${microsOrStart('last_validated')}, ${micros('valid_until_ms')}, ${microsOrStart('last_validated')}
    FROM plain_tokens
    UNION ALL
    SELECT access_token, username, device_id, ${microsOrStart('last_validated')}, ${micros('valid_until_ms')}, ${microsOrStart('last_validated')}
    FROM pairs`,
  compat_refresh_tokens: (S) => `WITH ${sessionCtes(S)}
    SELECT refresh_token AS token, username, device_id, access_token, true, ${microsOrStart('last_validated')}, NULL::bigint,
      ${microsOrStart('last_validated')}
    FROM pairs`,
  // SPEC §13: every token, created at the migration start, only completed uses counted.
  user_registration_tokens: (_S, ctx) =>
    ctx.synapseHasTokens
      ? `SELECT token, uses_allowed, completed, 'start', NULL::bigint, ${micros('expiry_time')}, NULL::bigint, 'start'
    FROM registration_tokens`
      : 'SELECT NULL::text AS token, NULL::int, NULL::int, NULL::text, NULL::bigint, NULL::bigint, NULL::bigint, NULL::text WHERE false',
};

/** The Synapse SELECT for one MAS table, sorted by its natural key (each select above names its key columns as the layout does). */
export function expectedRowsSql(layout: TableLayout, ctx: ExpectedContext): string {
  return `SELECT * FROM (${selects[layout.table](ctx.serverSuffix, ctx)}) AS expected ORDER BY ${orderByKeys(layout.keys)}`;
}
