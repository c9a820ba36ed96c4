import type pg from 'pg';
import type { MasTable } from '../mas/mas-tables';
import type { SessionTable } from './table-layouts';
import { orderByKeys } from './key-order';
import { columnMap, selectList } from '../../connect/postgres/column-map';
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
  /**
   * SQL text literal a time Synapse does not know becomes: `'start'`, the
   * marker the merge holds to the migration start, or that start in
   * microseconds once known (an order-free digest compares values only).
   */
  unknownTime: string;
}

/** Synapse's placeholder for "the migration start" in a time column, as merge-compare reads it. */
export const startMarker = 'start';
export const startMarkerSql = `'${startMarker}'`;

/** The last millisecond PostgreSQL and a ULID both take: times beyond it (sentinels like 2^63-1) are unknown. */
export const lastMs = 253402300799999;

/** A Synapse millisecond time in microseconds, NULL when missing or out of range. */
const micros = (ms: string) => `(CASE WHEN ${ms} BETWEEN 0 AND ${lastMs} THEN ${ms} * 1000 END)`;
/** …or `start` (or what `unknownTime` says): the row gets the migration start instead. */
export const microsOrStart = (ms: string, unknownTime = startMarkerSql) => `COALESCE(${micros(ms)}::text, ${unknownTime})`;

/** Users that are migrated, with the facts dependent rows need. */
export function migratedUsers(S: string): string {
  return `migrated_users AS (
    SELECT u.name, substr(u.name, 2, char_length(u.name) - char_length(${S}) - 1) AS username,
      u.admin <> 0 AS admin, u.is_guest <> 0 AS guest, u.deactivated <> 0 AS deactivated, coalesce(u.locked, false) AS locked,
      u.password_hash,
      -- creation_ts is in seconds (out of range: unknown, so the start); without it, the user's earliest known activity.
      CASE WHEN u.creation_ts IS NOT NULL THEN (CASE WHEN u.creation_ts BETWEEN 0 AND ${Math.floor(lastMs / 1000)} THEN u.creation_ts * 1000 END)
      ELSE least(
        (SELECT min(t.added_at) FROM user_threepids t WHERE t.user_id = u.name),
        (SELECT min(d.last_seen) FROM devices d WHERE d.user_id = u.name),
        (SELECT min(a.last_validated) FROM access_tokens a WHERE a.user_id = u.name)) END AS created_ms
    FROM users u
    WHERE u.appservice_id IS NULL AND starts_with(u.name, '@') AND char_length(u.name) > char_length(${S}) + 1
      AND right(u.name, char_length(${S})) = ${S}
    -- OFFSET 0 computes each column once a user: inlined, created_ms (its three lookups) ran once for each use.
    OFFSET 0
  )`;
}

/** The context of one comparison, read by `synapse`'s connection (whose literals it writes). */
export function expectedContext(
  synapse: pg.Client,
  serverName: string,
  providers: ReadonlyMap<string, string>,
  synapseHasTokens: boolean,
): ExpectedContext {
  return {
    serverSuffix: synapse.escapeLiteral(`:${serverName}`),
    providers,
    literal: (value) => synapse.escapeLiteral(value),
    synapseHasTokens,
    unknownTime: startMarkerSql,
  };
}

function providerValues(ctx: ExpectedContext): string {
  const rows = [...ctx.providers].map(([idp, uuid]) => `(${ctx.literal(idp)}, ${ctx.literal(uuid)})`);
  return rows.length ? `(VALUES ${rows.join(', ')}) AS p(idp, uuid)` : '(SELECT NULL::text, NULL::text WHERE false) AS p(idp, uuid)';
}

const selects: Record<Exclude<MasTable, SessionTable>, (S: string, ctx: ExpectedContext, at: (ms: string) => string) => string> = {
  users: (S, _ctx, at) => `WITH ${migratedUsers(S)}
    SELECT username, ${at('created_ms')},
      CASE WHEN locked THEN ${at('created_ms')} END, CASE WHEN deactivated THEN ${at('created_ms')} END,
      admin, guest, ${at('created_ms')}
    FROM migrated_users`,
  user_passwords: (S, _ctx, at) => `WITH ${migratedUsers(S)}
    SELECT username, password_hash, 1, ${at('created_ms')}, false, ${at('created_ms')}
    FROM migrated_users WHERE password_hash IS NOT NULL`,
  user_emails: (S, _ctx, at) => `WITH ${migratedUsers(S)}
    SELECT m.username, t.address AS email, ${at('t.added_at')}, ${at('t.added_at')}
    FROM user_threepids t JOIN migrated_users m ON m.name = t.user_id WHERE t.medium = 'email'`,
  user_unsupported_third_party_ids: (S, _ctx, at) => `WITH ${migratedUsers(S)}
    SELECT m.username, t.medium, t.address, ${at('t.added_at')}
    FROM user_threepids t JOIN migrated_users m ON m.name = t.user_id WHERE t.medium <> 'email'`,
  // Links of providers no MAS provider takes over are skipped (or refused by the checks), as are an earlier MAS setup's.
  upstream_oauth_links: (S, ctx, at) => `WITH ${migratedUsers(S)}
    SELECT p.uuid AS provider, e.external_id AS subject, m.username, ${at('m.created_ms')}, NULL::text, ${at('m.created_ms')}
    FROM user_external_ids e JOIN migrated_users m ON m.name = e.user_id JOIN ${providerValues(ctx)} ON p.idp = e.auth_provider
    WHERE e.auth_provider <> 'oauth-delegated'`,
  // SPEC §13: every token, created at the migration start, only completed uses counted.
  user_registration_tokens: (_S, ctx) =>
    ctx.synapseHasTokens
      ? `SELECT token, uses_allowed, completed, ${ctx.unknownTime}, NULL::bigint, ${micros('expiry_time')}, NULL::bigint, ${ctx.unknownTime}
    FROM registration_tokens`
      : 'SELECT NULL::text AS token, NULL::int, NULL::int, NULL::text, NULL::bigint, NULL::bigint, NULL::bigint, NULL::text WHERE false',
};

/** The Synapse SELECT for one MAS table outside the session side, in no order. */
export function expectedRowsSelect(table: Exclude<MasTable, SessionTable>, ctx: ExpectedContext): string {
  return selects[table](ctx.serverSuffix, ctx, (ms) => microsOrStart(ms, ctx.unknownTime));
}

/** The same sorted by the table's natural key (each select above names its key columns as the layout does). */
export function expectedRowsSql(layout: TableLayout, ctx: ExpectedContext): string {
  const select = expectedRowsSelect(layout.table as Exclude<MasTable, SessionTable>, ctx);
  return `SELECT * FROM (${select}) AS expected ORDER BY ${orderByKeys(layout.keys)}`;
}

/** A boolean as COPY text prints it ('t', 'f'), NULL kept. */
export const copyBool = (expr: string) => `(CASE WHEN ${expr} THEN 't' WHEN NOT ${expr} THEN 'f' END)`;

/**
 * What the session side of SPEC §5 is worked out from (session-side.ts),
 * read as binary COPY (session-source-cursor.ts), one stream sorted by group
 * (session-groups.ts) then part, each part's columns among these:
 * - part 0, the users that get sessions: admin;
 * - part 1, their devices that become sessions: deviceId, at (last_seen), ip, userAgent, displayName;
 * - part 2, access tokens not acting for another user (puppets):
 *   deviceId, id, token, at (last_validated), until (valid_until_ms), refreshId;
 * - part 3, refresh tokens not superseded (the next refresh token's access token was not used): deviceId, id, token.
 * Rows of users not in part 0 are read and passed over: a join here would cost more than the rows.
 * Integers are cast to the bigint the binary reader reads, whatever type a Synapse version gave the column.
 */
export const sessionSourceColumns = columnMap([
  'userId',
  'part',
  'deviceId',
  'id',
  'token',
  'at',
  'until',
  'refreshId',
  'ip',
  'userAgent',
  'displayName',
  'admin',
]);

export function sessionSourceSql(S: string): string {
  // Every column named, so the ORDER BY can name them.
  const part = (sql: Partial<Record<keyof typeof sessionSourceColumns, string>>) =>
    selectList(
      sessionSourceColumns,
      Object.fromEntries(
        Object.entries({ ...noSourceValues, ...sql }).map(([name, value]) => [name, `${value} AS "${name}"`]),
      ) as typeof noSourceValues,
    );
  return `WITH ${migratedUsers(S)}
    SELECT * FROM (
      SELECT ${part({ userId: 'name', part: '0::smallint', admin: 'admin' })}
      FROM migrated_users WHERE NOT deactivated AND NOT guest
      UNION ALL
      SELECT ${part({
        userId: 'd.user_id',
        part: '1::smallint',
        deviceId: 'd.device_id',
        at: 'd.last_seen::bigint',
        ip: 'd.ip',
        userAgent: 'd.user_agent',
        displayName: 'd.display_name',
      })}
      FROM devices d WHERE NOT coalesce(d.hidden, false) AND d.device_id <> 'guest_device'
      UNION ALL
      SELECT ${part({
        userId: 'a.user_id',
        part: '2::smallint',
        deviceId: 'a.device_id',
        id: 'a.id::bigint',
        token: 'a.token',
        at: 'a.last_validated::bigint',
        until: 'a.valid_until_ms::bigint',
        refreshId: 'a.refresh_token_id::bigint',
      })}
      FROM access_tokens a WHERE a.puppets_user_id IS NULL
      UNION ALL
      SELECT ${part({ userId: 'r.user_id', part: '3::smallint', deviceId: 'r.device_id', id: 'r.id::bigint', token: 'r.token' })}
      FROM refresh_tokens r WHERE NOT EXISTS (SELECT 1 FROM access_tokens n WHERE n.refresh_token_id = r.next_token_id AND n.used)
    ) AS source ORDER BY ${synapseSessionOrder}`;
}

/** Each column's value in a part that has none (typed in the first part, which sets the UNION's types). */
const noSourceValues: Record<keyof typeof sessionSourceColumns, string> = {
  userId: 'NULL::text',
  part: 'NULL::smallint',
  deviceId: 'NULL::text',
  id: 'NULL::bigint',
  token: 'NULL::text',
  at: 'NULL::bigint',
  until: 'NULL::bigint',
  refreshId: 'NULL::bigint',
  ip: 'NULL::text',
  userAgent: 'NULL::text',
  displayName: 'NULL::text',
  admin: 'NULL::boolean',
};

/**
 * By group (session-groups.ts): user ID, device ID, then for a device-less row its token; a user's own row (part 0)
 * has neither, so it comes first among its groups.
 */
const synapseSessionOrder = `"userId" COLLATE "C", "deviceId" COLLATE "C" NULLS FIRST,
  (CASE WHEN "deviceId" IS NULL THEN token END) COLLATE "C" NULLS FIRST, part`;
