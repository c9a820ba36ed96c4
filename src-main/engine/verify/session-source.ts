import { columnMap, selectList } from '../../connect/postgres/column-map';
import { type SessionColumns, sessionFlags, sessionValues, userAdmin } from './session-columns';

/**
 * What `verify` works the session side of SPEC §5 out from (session-side.ts),
 * read as binary COPY (session-source-cursor.ts), one stream sorted by group
 * (session-groups.ts) then part, each part's columns among these:
 * - part 0, the users that get sessions: admin;
 * - part 1, their devices that are kept: deviceId, at (last_seen), ip, userAgent, displayName;
 * - part 2, access tokens of their own (no puppets): deviceId, id, token, at (last_validated), until (valid_until_ms),
 *   refreshId;
 * - part 3, refresh tokens not superseded: deviceId, id, token.
 * Each part keeps only the rows its flag (sessionFlags) holds for. Rows of users not in part 0 are read and passed
 * over: a join here would cost more than the rows.
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

const c = sessionSourceColumns;

/** The rules' columns in the source: one layout for every part, no flag (each part holds only the rows it keeps). */
export const sessionSourceLayout: SessionColumns = {
  user: { sessions: -1, admin: c.admin },
  device: { userId: c.userId, deviceId: c.deviceId, at: c.at, ip: c.ip, userAgent: c.userAgent, displayName: c.displayName, kept: -1 },
  token: { userId: c.userId, deviceId: c.deviceId, id: c.id, token: c.token, at: c.at, until: c.until, refreshId: c.refreshId, own: -1 },
  refresh: { id: c.id, token: c.token, superseded: -1 },
};

/** The sorted source; `S`: SQL literal of `:server_name`. */
export function sessionSourceSql(S: string): string {
  // Every column named, so the ORDER BY can name them.
  const part = (sql: Partial<Record<keyof typeof sessionSourceColumns, string>>) =>
    selectList(
      sessionSourceColumns,
      Object.fromEntries(
        Object.entries({ ...noSourceValues, ...sql }).map(([name, value]) => [name, `${value} AS "${name}"`]),
      ) as typeof noSourceValues,
    );
  return `SELECT * FROM (
      SELECT ${part({ userId: 'u.name', part: '0::smallint', admin: userAdmin('u') })}
      FROM users u WHERE ${sessionFlags.userGetsSessions('u', S)}
      UNION ALL
      SELECT ${part({ ...sessionValues.device('d'), part: '1::smallint' })}
      FROM devices d WHERE ${sessionFlags.deviceKept('d')}
      UNION ALL
      SELECT ${part({ ...sessionValues.token('a'), part: '2::smallint' })}
      FROM access_tokens a WHERE ${sessionFlags.tokenOwn('a')}
      UNION ALL
      SELECT ${part({ ...sessionValues.refresh('r'), part: '3::smallint' })}
      FROM refresh_tokens r WHERE ${sessionFlags.refreshCurrent('r')}
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
