import type { MasTable } from '../mas/mas-tables';
import { orderByKeys } from './key-order';
import { copyBool } from './expected-rows';
import { masSessionOrder } from './session-groups';
import { type SessionTable, sessionTables, type TableLayout } from './table-layouts';

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

/** The user ID of a session-side row, as Synapse writes it. `S`: SQL literal of `:server_name`. */
const matrixUserId = (S: string) => `'@' || u.username || ${S}`;

/** How a session table's times, flags and ULID times are given: as text for the row comparison, or natively for a digest. */
interface ValueForms {
  time: (column: string) => string;
  bool: (expr: string) => string;
  ulidTime: (column: string) => string;
  ip: (column: string) => string;
}

/** As COPY prints them, for the row comparison (compare-sessions.ts). */
const textForms: ValueForms = {
  time: (column) => `${micros(column)}::text`,
  bool: copyBool,
  ulidTime: (column) => `${ulidMicros(column)}::text`,
  ip: (column) => `abbrev(${column})`,
};

/**
 * In their own types, for the digest (session-digests.ts): hashing them is
 * far cheaper than printing them; record-hash-sum.ts hashes Synapse's side
 * the same way (a time as timestamptz, a flag as bool, a ULID's time as bytea,
 * an IP as inet).
 */
const digestForms: ValueForms = {
  time: (column) => column,
  bool: (expr) => `(${expr})`,
  ulidTime: (column) => `substring(uuid_send(${column}) FOR 6)`,
  // abbrev, which prints it, took a fifth of the sessions' digest (measured).
  ip: (column) => column,
};

/**
 * The three session tables, each its TableLayout's columns after the user
 * ID: times, flags and ULID times as `forms` gives them, the rest text;
 * `from` joins the user as `u`.
 */
function masSessionParts(forms: ValueForms): { columns: string[]; from: string }[] {
  const { time, bool, ulidTime, ip } = forms;
  const session = 'JOIN compat_sessions s ON s.compat_session_id = t.compat_session_id JOIN users u ON u.user_id = s.user_id';
  return [
    {
      // A session without a device is its one access token's own: that token tells it apart.
      columns: [
        's.device_id',
        `CASE WHEN s.device_id IS NULL THEN
          (SELECT min(t.access_token COLLATE "C") FROM compat_access_tokens t WHERE t.compat_session_id = s.compat_session_id) END`,
        time('s.created_at'),
        time('s.finished_at'),
        bool('s.is_synapse_admin'),
        time('s.last_active_at'),
        ip('s.last_active_ip'),
        's.user_session_id::text',
        's.user_agent',
        's.human_name',
        ulidTime('s.compat_session_id'),
      ],
      from: 'compat_sessions s JOIN users u ON u.user_id = s.user_id',
    },
    {
      columns: ['t.access_token', 's.device_id', time('t.created_at'), time('t.expires_at'), ulidTime('t.compat_access_token_id')],
      from: `compat_access_tokens t ${session}`,
    },
    {
      columns: [
        't.refresh_token',
        's.device_id',
        'a.access_token',
        bool('a.compat_session_id IS NOT DISTINCT FROM t.compat_session_id'),
        time('t.created_at'),
        time('t.consumed_at'),
        ulidTime('t.compat_refresh_token_id'),
      ],
      from: `compat_refresh_tokens t ${session} LEFT JOIN compat_access_tokens a ON a.compat_access_token_id = t.compat_access_token_id`,
    },
  ];
}

/**
 * One session table's rows in no order, in their own types, as their digest
 * reads them (session-digests.ts): the user as their username, not their
 * Matrix ID, which PostgreSQL would build for each row (a fifth of a token
 * digest's time, measured).
 */
export function masSessionSelect(table: SessionTable): string {
  const { columns, from } = masSessionParts(digestForms)[sessionTables.indexOf(table)]!;
  return `SELECT u.username, ${columns.join(', ')} FROM ${from}`;
}

/**
 * The three session tables in one stream, sorted as Synapse's source: by
 * group (session-groups.ts), then part (sessionTables' order), then the
 * table's key. Each part holds its TableLayout's columns after the user ID.
 */
export function masSessionRowsSql(S: string): string {
  const width = 11;
  const parts = masSessionParts(textForms).map(({ columns, from }, part) => {
    const padded = [...columns, ...Array<string>(width - columns.length).fill('NULL')];
    // The first SELECT names the columns the order (masSessionOrder) and the cursor (masGroupOf) use.
    const named = part === 0 ? ['user_id', 'part', ...padded.map((_, i) => `c${i + 1}`)] : [];
    const list = [matrixUserId(S), String(part), ...padded].map((c, i) => (named[i] ? `${c} AS ${named[i]}` : c));
    return `SELECT ${list.join(', ')} FROM ${from}`;
  });
  return `SELECT * FROM (${parts.join(' UNION ALL ')}) AS found ORDER BY ${masSessionOrder}`;
}
