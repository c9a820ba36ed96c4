import type pg from 'pg';
import type { MasTable } from '../mas/mas-tables';
import type { SessionTable } from './table-layouts';
import { orderByKeys } from './key-order';
import type { TableLayout } from './table-layouts';
import { isMigratedUser } from './session-columns';

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
   * SQL literal a time Synapse does not know becomes: `'start'`, the marker
   * the merge holds to the migration start, or that start in microseconds
   * once known (an order-free digest compares values only): text, or bigint
   * in expectedTypedSelect.
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
    WHERE ${isMigratedUser('u', S)}
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

/**
 * The same rows in the types of MAS's (masRowsSelect), for a digest that
 * hashes each value by its type (recordDigestOf): a time as bigint
 * microseconds, the migration start `start` (microseconds, known) where
 * Synapse does not know one. Every other value already has its MAS column's
 * type, or one that hashes as it does (int4 as int8, text as varchar).
 */
export function expectedTypedSelect(table: Exclude<MasTable, SessionTable>, ctx: ExpectedContext, start: string): string {
  const startSql = `${BigInt(start)}::bigint`;
  return selects[table](ctx.serverSuffix, { ...ctx, unknownTime: startSql }, (ms) => `COALESCE(${micros(ms)}, ${startSql})`);
}

/** The same sorted by the table's natural key (each select above names its key columns as the layout does). */
export function expectedRowsSql(layout: TableLayout, ctx: ExpectedContext): string {
  const select = expectedRowsSelect(layout.table as Exclude<MasTable, SessionTable>, ctx);
  return `SELECT * FROM (${select}) AS expected ORDER BY ${orderByKeys(layout.keys)}`;
}

/** A boolean as COPY text prints it ('t', 'f'), NULL kept. */
export const copyBool = (expr: string) => `(CASE WHEN ${expr} THEN 't' WHEN NOT ${expr} THEN 'f' END)`;
