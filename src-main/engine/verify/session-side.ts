import { lastMs, startMarker } from './expected-rows';
import type { SessionGroup } from './session-group-cursor';

/**
 * SPEC §5's session side for one group of a user (session-groups.ts: a
 * device, or a device-less token), worked out from the rows of
 * expected-rows' sessionSourceSql: written from the rules, apart from the
 * migration's mapping code on purpose (a verifier sharing its rules would
 * prove nothing). Rows are COPY-escaped, null for NULL, in the columns of
 * the three session TableLayouts, in no order.
 */

export type Row = (string | null)[];

/**
 * A Synapse millisecond time in microseconds, null when missing or out of
 * range (beyond a ULID's 48 bits). `ms` is PostgreSQL's text of a bigint
 * (no leading zeros); every value in range is exact as a double, and any
 * value out of range stays out of range once rounded to one.
 */
function micros(ms: string | null): string | null {
  if (ms === null) return null;
  const value = Number(ms);
  if (!(value >= 0 && value <= lastMs)) return null;
  return value === 0 ? '0' : `${ms}000`;
}
/** …or `start`: the row gets the migration start instead. */
const microsOrStart = (ms: string | null) => micros(ms) ?? startMarker;

/**
 * The earlier of two Synapse times, a missing one ignored (as SQL's min).
 * Compared as doubles: exact up to 2^53, and two times beyond it that round
 * alike are both out of micros' range, so either gives the same answer.
 */
function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Number(b) < Number(a) ? b : a;
}

interface Token {
  deviceId: string | null;
  /** As PostgreSQL prints a bigint: compared as one only where two tokens carry the same refresh token. */
  id: string;
  token: string;
  lastValidated: string | null;
  validUntil: string | null;
  refreshTokenId: string | null;
}

/** A token's compat_access_tokens row. */
const accessRow = (userId: string, t: Token): Row => [
  userId,
  t.token,
  t.deviceId,
  microsOrStart(t.lastValidated),
  micros(t.validUntil),
  microsOrStart(t.lastValidated),
];

/**
 * compat_sessions, compat_access_tokens and compat_refresh_tokens for one
 * group (session-groups.ts: a device, or a device-less token) of a user
 * that gets sessions (migrated, neither deactivated nor a guest), `admin`
 * its admin flag. Every rule below holds within a device, so the group's
 * rows are all it needs. Source columns: see sessionSourceSql.
 */
export function expectedSessions(group: SessionGroup, admin: string | null): SessionParts {
  const { userId } = group;
  // Devices that become sessions (not hidden, not the guest device), by device ID: their row and first token use.
  const devices = new Map<string, { row: Row; firstUse: string | null }>();
  const tokens: Token[] = [];
  const refreshTokens: Row[] = [];
  for (const r of group.rows) {
    if (r[1] === '1') devices.set(r[2]!, { row: r, firstUse: null });
    else if (r[1] === '2')
      tokens.push({
        deviceId: r[2] ?? null,
        id: r[3]!,
        token: r[4]!,
        lastValidated: r[5] ?? null,
        validUntil: r[6] ?? null,
        refreshTokenId: r[7] ?? null,
      });
    else if (r[1] === '3') refreshTokens.push(r);
  }
  const sessions: Row[] = [];
  const accessTokens: Row[] = [];
  // Tokens without refresh token on no device or on a kept one; one on no device gets a session of its own.
  for (const t of tokens) {
    if (t.refreshTokenId !== null) continue;
    if (t.deviceId === null) {
      const created = microsOrStart(t.lastValidated);
      sessions.push([userId, null, t.token, created, null, admin, null, null, null, null, null, created]);
    } else {
      const device = devices.get(t.deviceId);
      if (!device) continue;
      device.firstUse = earliest(device.firstUse, t.lastValidated);
    }
    accessTokens.push(accessRow(userId, t));
  }
  // Each refresh token's carrier: the newest access token holding its id on the same device.
  const carriers = new Map<string, Token>();
  for (const t of tokens) {
    if (t.refreshTokenId === null || t.deviceId === null) continue;
    const at = `${t.refreshTokenId}\t${t.deviceId}`;
    const other = carriers.get(at);
    if (!other || BigInt(t.id) > BigInt(other.id)) carriers.set(at, t);
  }
  // Pairs: a refresh token on a kept device with a carrier, not superseded (the source left those out).
  const refreshRows: Row[] = [];
  for (const r of refreshTokens) {
    const deviceId = r[2] ?? null;
    const device = deviceId === null ? undefined : devices.get(deviceId);
    const carrier = device && carriers.get(`${r[3]}\t${deviceId}`);
    if (!device || !carrier) continue;
    device.firstUse = earliest(device.firstUse, carrier.lastValidated);
    accessTokens.push(accessRow(userId, carrier));
    const created = microsOrStart(carrier.lastValidated);
    refreshRows.push([userId, r[4]!, deviceId, carrier.token, 't', created, null, created]);
  }
  for (const [deviceId, { row, firstUse }] of devices) {
    const created = microsOrStart(firstUse);
    sessions.push([
      userId,
      deviceId,
      null,
      created,
      null,
      admin,
      micros(row[3] ?? null),
      row[4] ?? null,
      null,
      row[5] ?? null,
      row[6] ?? null,
      created,
    ]);
  }
  return [sessions, accessTokens, refreshRows];
}

/** A group's rows of the three session tables: compat_sessions, compat_access_tokens, compat_refresh_tokens. */
export type SessionParts = [Row[], Row[], Row[]];
/** A group that gives no rows. */
export const noSessionRows: SessionParts = [[], [], []];

/**
 * Works out the groups of Synapse's sorted source (sessionSourceSql) in
 * turn: a user's own row comes first among its groups (session-groups.ts)
 * and says whether they get sessions, and with which admin flag.
 */
export class ExpectedSessionGroups {
  #user: { id: string; admin: string | null } | undefined;

  /** What MAS must hold for one group: nothing for a user's own row or a user that gets no sessions. */
  of(group: SessionGroup): SessionParts {
    // A user's own row is alone in its group (session-groups.ts).
    const own = group.rows[0]![1] === '0' ? group.rows[0] : undefined;
    if (own) {
      this.#user = { id: group.userId, admin: own[3] ?? null };
      return noSessionRows;
    }
    return this.#user?.id === group.userId ? expectedSessions(group, this.#user.admin) : noSessionRows;
  }
}
