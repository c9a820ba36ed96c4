import type { MasTable } from '../mas/mas-tables';
import { orderByKeys } from './key-order';
import { copyBool } from './expected-rows';
import { masSessionOrder } from './session-groups';
import type { SessionTable, TableLayout } from './table-layouts';

/**
 * What MAS holds, one SELECT per table streaming the columns of its
 * TableLayout in key order. Rows are reached by natural keys only: ids are
 * followed to usernames, devices and token strings, never compared.
 */

/**
 * A timestamptz in microseconds since the epoch, exact and in integers only: its binary form (timestamptz_send)
 * is PostgreSQL's own count of microseconds since 2000-01-01, read as a 64-bit integer. Half the cost of
 * extract(epoch …), which computes in numeric, on the millions of times verify reads.
 */
export const micros = (column: string) => `(('x' || encode(timestamptz_send(${column}), 'hex'))::bit(64)::bigint + 946684800000000)`;
/** The first 48 bits of a ULID stored as uuid (its first 6 bytes), in microseconds. */
export const ulidMicros = (column: string) => `(('x' || encode(substring(uuid_send(${column}) FOR 6), 'hex'))::bit(48)::bigint * 1000)`;

const selects: Record<Exclude<MasTable, SessionTable>, string> = {
  users: `SELECT username, ${micros('created_at')}, ${micros('locked_at')}, ${micros('deactivated_at')}, can_request_admin, is_guest,
      ${ulidMicros('user_id')}
    FROM users`,
  user_passwords: `SELECT u.username, p.hashed_password, p.version, ${micros('p.created_at')}, p.upgraded_from_id IS NOT NULL,
      ${ulidMicros('p.user_password_id')}
    FROM user_passwords p JOIN users u ON u.user_id = p.user_id`,
  user_emails: `SELECT u.username, e.email, ${micros('e.created_at')}, ${ulidMicros('e.user_email_id')}
    FROM user_emails e JOIN users u ON u.user_id = e.user_id`,
  user_unsupported_third_party_ids: `SELECT u.username, t.medium, t.address, ${micros('t.created_at')}
    FROM user_unsupported_third_party_ids t JOIN users u ON u.user_id = t.user_id`,
  upstream_oauth_links: `SELECT l.upstream_oauth_provider_id::text AS provider, l.subject, u.username, ${micros('l.created_at')},
      l.human_account_name, ${ulidMicros('l.upstream_oauth_link_id')}
    FROM upstream_oauth_links l LEFT JOIN users u ON u.user_id = l.user_id`,
  user_registration_tokens: `SELECT token, usage_limit, times_used, ${micros('created_at')}, ${micros('last_used_at')}, ${micros('expires_at')},
      ${micros('revoked_at')}, ${ulidMicros('user_registration_token_id')}
    FROM user_registration_tokens`,
};

/** The MAS SELECT for one table outside the session side, in no order. */
export const masRowsSelect = (table: Exclude<MasTable, SessionTable>): string => selects[table];

/** The same sorted by its natural key. */
export function masRowsSql(layout: TableLayout): string {
  return `SELECT * FROM (${masRowsSelect(layout.table as Exclude<MasTable, SessionTable>)}) AS found ORDER BY ${orderByKeys(layout.keys)}`;
}

/**
 * The three session tables in one stream, every column text as COPY prints
 * it, sorted as Synapse's source: by group (session-groups.ts), then part
 * (sessionTables' order), then the table's key. Each part holds its
 * TableLayout's columns after the user ID. \`S\`: SQL literal of \`:server_name\`.
 */
export function masSessionRowsSql(S: string): string {
  const text = (column: string) => `${micros(column)}::text`;
  const userId = `'@' || u.username || ${S}`;
  return `SELECT * FROM (
      SELECT ${userId} AS user_id, 0 AS part, s.device_id AS c1,
        CASE WHEN s.device_id IS NULL THEN
          (SELECT min(t.access_token COLLATE "C") FROM compat_access_tokens t WHERE t.compat_session_id = s.compat_session_id) END AS c2,
        ${text('s.created_at')} AS c3, ${text('s.finished_at')} AS c4, ${copyBool('s.is_synapse_admin')} AS c5,
        ${text('s.last_active_at')} AS c6, abbrev(s.last_active_ip) AS c7, s.user_session_id::text AS c8, s.user_agent AS c9,
        s.human_name AS c10, ${ulidMicros('s.compat_session_id')}::text AS c11
      FROM compat_sessions s JOIN users u ON u.user_id = s.user_id
      UNION ALL
      SELECT ${userId}, 1, t.access_token, s.device_id, ${text('t.created_at')}, ${text('t.expires_at')},
        ${ulidMicros('t.compat_access_token_id')}::text, NULL, NULL, NULL, NULL, NULL, NULL
      FROM compat_access_tokens t JOIN compat_sessions s ON s.compat_session_id = t.compat_session_id JOIN users u ON u.user_id = s.user_id
      UNION ALL
      SELECT ${userId}, 2, r.refresh_token, s.device_id, a.access_token, ${copyBool('a.compat_session_id IS NOT DISTINCT FROM r.compat_session_id')},
        ${text('r.created_at')}, ${text('r.consumed_at')}, ${ulidMicros('r.compat_refresh_token_id')}::text, NULL, NULL, NULL, NULL
      FROM compat_refresh_tokens r JOIN compat_sessions s ON s.compat_session_id = r.compat_session_id JOIN users u ON u.user_id = s.user_id
      LEFT JOIN compat_access_tokens a ON a.compat_access_token_id = r.compat_access_token_id
    ) AS found ORDER BY ${masSessionOrder}`;
}
