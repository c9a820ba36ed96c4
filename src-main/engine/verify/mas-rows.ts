import type { MasTable } from '../mas/mas-tables';
import { orderByKeys } from './key-order';
import type { TableLayout } from './table-layouts';

/**
 * What MAS holds, one SELECT per table streaming the columns of its
 * TableLayout in key order. Rows are reached by natural keys only: ids are
 * followed to usernames, devices and token strings, never compared.
 */

/** A timestamptz in microseconds since the epoch (exact: extract returns numeric). */
const micros = (column: string) => `(extract(epoch FROM ${column}) * 1000000)::bigint`;
/** The first 48 bits of a ULID stored as uuid, in microseconds. */
const ulidMicros = (column: string) => `(('x' || left(replace(${column}::text, '-', ''), 12))::bit(48)::bigint * 1000)`;

const selects: Record<MasTable, string> = {
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
  compat_sessions: `SELECT u.username, s.device_id,
      CASE WHEN s.device_id IS NULL THEN
        (SELECT min(t.access_token COLLATE "C") FROM compat_access_tokens t WHERE t.compat_session_id = s.compat_session_id) END AS own_token,
      ${micros('s.created_at')}, ${micros('s.finished_at')}, s.is_synapse_admin, ${micros('s.last_active_at')}, s.last_active_ip,
      s.user_session_id::text, s.user_agent, s.human_name, ${ulidMicros('s.compat_session_id')}
    FROM compat_sessions s JOIN users u ON u.user_id = s.user_id`,
  compat_access_tokens: `SELECT t.access_token AS token, u.username, s.device_id, ${micros('t.created_at')}, ${micros('t.expires_at')},
      ${ulidMicros('t.compat_access_token_id')}
    FROM compat_access_tokens t JOIN compat_sessions s ON s.compat_session_id = t.compat_session_id JOIN users u ON u.user_id = s.user_id`,
  compat_refresh_tokens: `SELECT r.refresh_token AS token, u.username, s.device_id, a.access_token,
      a.compat_session_id IS NOT DISTINCT FROM r.compat_session_id, ${micros('r.created_at')}, ${micros('r.consumed_at')},
      ${ulidMicros('r.compat_refresh_token_id')}
    FROM compat_refresh_tokens r JOIN compat_sessions s ON s.compat_session_id = r.compat_session_id JOIN users u ON u.user_id = s.user_id
    LEFT JOIN compat_access_tokens a ON a.compat_access_token_id = r.compat_access_token_id`,
  user_registration_tokens: `SELECT token, usage_limit, times_used, ${micros('created_at')}, ${micros('last_used_at')}, ${micros('expires_at')},
      ${micros('revoked_at')}, ${ulidMicros('user_registration_token_id')}
    FROM user_registration_tokens`,
};

/** The MAS SELECT for one table, sorted by its natural key. */
export function masRowsSql(layout: TableLayout): string {
  return `SELECT * FROM (${selects[layout.table]}) AS found ORDER BY ${orderByKeys(layout.keys)}`;
}
