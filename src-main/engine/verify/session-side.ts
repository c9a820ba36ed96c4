import { CopyRow, int32At } from '../../connect/postgres/copy-binary';
import { holds, isTrue, type SessionColumns } from './session-columns';
import type { SessionRowOut } from './session-row';

/**
 * SPEC §5's session side, worked out group by group (session-groups.ts: a
 * device, or the tokens without one) from the rows a reading hands over
 * (session-columns.ts): written from the rules, apart from the migration's
 * mapping code on purpose (a verifier sharing its rules would prove
 * nothing). Each row MAS must hold goes out (SessionRowOut), in the columns
 * of its session TableLayout, in no order.
 */

/** Rows of one kind in a group: `read` puts row `k` in `into`. */
export interface GroupRows {
  readonly count: number;
  read(k: number, into: CopyRow): CopyRow;
}

/** One group's rows, as a reading hands them over. */
export interface SessionGroupRows {
  /** The group's device, when it is a device's group and Synapse has the device. */
  device: CopyRow | undefined;
  /** The group holds tokens without a device. */
  deviceless: boolean;
  tokens: GroupRows;
  refresh: GroupRows;
}

/** The session tables, by their index in sessionTables. */
const sessions = 0;
const accessTokens = 1;
const refreshTokens = 2;

/** Above this many token × refresh-token comparisons in one device, carriers are found through a map. */
const maxNestedPairing = 4096;

/** The earlier of two Synapse times, a missing one ignored (as SQL's min). */
const earliest = (a: number | null, b: number | null) => (a === null ? b : b === null || a <= b ? a : b);

/** A bigint column's halves as int32s: the high one orders as signed, the low one as unsigned (exact past 2^53). */
const high = (row: CopyRow, i: number) => int32At(row.buf, row.start[i]!);
const low = (row: CopyRow, i: number) => int32At(row.buf, row.start[i]! + 4);

/**
 * Works out one user's groups after another: a user's own row says whether
 * they get sessions (migrated, neither deactivated nor a guest) and with
 * which admin flag. Every rule below holds within a device, so a group's
 * rows are all it needs.
 */
export class ExpectedSessionGroups {
  /** The user's admin flag while their groups come; undefined when the user gets no sessions. */
  #admin: boolean | null | undefined;
  readonly #row = new CopyRow();
  /** A carrier's row, read while its refresh token's is. */
  readonly #carrier = new CopyRow();
  // The device's tokens that carry a refresh token id, by their index in the group: that id's halves and their own.
  #tokens = new Int32Array(5 * 16);
  #tokenCount = 0;
  // The device's refresh tokens, by their index in the group: their id's halves, and their carrier's index.
  #refresh = new Int32Array(4 * 16);
  #refreshCount = 0;

  constructor(readonly columns: SessionColumns) {}

  /** A user's groups come next: `row` is their own row, undefined when Synapse has none. */
  user(row: CopyRow | undefined): void {
    const { sessions, admin } = this.columns.user;
    this.#admin = row && holds(row, sessions) ? (row.isNull(admin) ? null : row.bool(admin)) : undefined;
  }

  /** Puts the rows MAS must hold for one group of the user's in `out`. */
  group(rows: SessionGroupRows, out: SessionRowOut): void {
    if (this.#admin === undefined) return;
    if (rows.deviceless) this.#deviceless(rows.tokens, out);
    // Tokens of a device that is not kept, or that Synapse does not have, give nothing.
    else if (rows.device && holds(rows.device, this.columns.device.kept)) this.#device(rows.device, rows, out);
  }

  /** Tokens without a device: each of the user's own without a refresh token gets a session of its own. */
  #deviceless(tokens: GroupRows, out: SessionRowOut): void {
    const c = this.columns.token;
    for (let k = 0; k < tokens.count; k++) {
      const t = tokens.read(k, this.#row);
      if (!holds(t, c.own) || !t.isNull(c.refreshId)) continue;
      const at = t.int8(c.at);
      out
        .begin(sessions)
        .field(t, c.userId)
        .null()
        .field(t, c.token)
        .timeOrStart(at)
        .null()
        .bool(this.#admin!)
        .null()
        .null()
        .null()
        .null()
        .null()
        .ulidTime(at)
        .end();
      this.#accessToken(t, out);
    }
  }

  /**
   * A device that becomes a session: its own tokens without refresh token,
   * its refresh pairs (a refresh token not superseded, with a carrier: the
   * newest own access token holding its id), and its session, which starts
   * at the earliest use of the tokens it keeps.
   */
  #device(device: CopyRow, { tokens, refresh }: SessionGroupRows, out: SessionRowOut): void {
    const { token: c, refresh: rc, device: dc } = this.columns;
    let firstUse: number | null = null;
    this.#tokenCount = this.#refreshCount = 0;
    for (let k = 0; k < tokens.count; k++) {
      const row = tokens.read(k, this.#row);
      if (!holds(row, c.own)) continue;
      if (row.isNull(c.refreshId)) {
        firstUse = earliest(firstUse, row.int8(c.at));
        this.#accessToken(row, out);
      } else this.#addToken(k, row);
    }
    for (let k = 0; k < refresh.count; k++) {
      const row = refresh.read(k, this.#row);
      if (!isTrue(row, rc.superseded)) this.#addRefresh(k, row);
    }
    this.#pairCarriers();
    for (let r = 0; r < this.#refreshCount; r++) {
      const carrier = this.#refresh[4 * r + 3]!;
      if (carrier < 0) continue;
      const t = tokens.read(carrier, this.#carrier);
      const at = t.int8(c.at);
      firstUse = earliest(firstUse, at);
      this.#accessToken(t, out);
      const pair = refresh.read(this.#refresh[4 * r]!, this.#row);
      out
        .begin(refreshTokens)
        .field(t, c.userId)
        .field(pair, rc.token)
        .field(t, c.deviceId)
        .field(t, c.token)
        .bool(true)
        .timeOrStart(at)
        .null()
        .ulidTime(at)
        .end();
    }
    out
      .begin(sessions)
      .field(device, dc.userId)
      .field(device, dc.deviceId)
      .null()
      .timeOrStart(firstUse)
      .null()
      .bool(this.#admin!)
      .time(device.int8(dc.at))
      .ip(device, dc.ip)
      .null()
      .field(device, dc.userAgent)
      .field(device, dc.displayName)
      .ulidTime(firstUse)
      .end();
  }

  /** A token's compat_access_tokens row. */
  #accessToken(t: CopyRow, out: SessionRowOut): void {
    const c = this.columns.token;
    const at = t.int8(c.at);
    out
      .begin(accessTokens)
      .field(t, c.userId)
      .field(t, c.token)
      .field(t, c.deviceId)
      .timeOrStart(at)
      .time(t.int8(c.until))
      .ulidTime(at)
      .end();
  }

  #addToken(k: number, row: CopyRow): void {
    const c = this.columns.token;
    if (5 * (this.#tokenCount + 1) > this.#tokens.length) this.#tokens = grown(this.#tokens);
    const at = 5 * this.#tokenCount++;
    const tokens = this.#tokens;
    tokens[at] = k;
    tokens[at + 1] = high(row, c.refreshId);
    tokens[at + 2] = low(row, c.refreshId);
    tokens[at + 3] = high(row, c.id);
    tokens[at + 4] = low(row, c.id);
  }

  #addRefresh(k: number, row: CopyRow): void {
    if (4 * (this.#refreshCount + 1) > this.#refresh.length) this.#refresh = grown(this.#refresh);
    const at = 4 * this.#refreshCount++;
    const { id } = this.columns.refresh;
    this.#refresh[at] = k;
    this.#refresh[at + 1] = high(row, id);
    this.#refresh[at + 2] = low(row, id);
  }

  /** The newer of two tokens (their indexes in `#tokens`) holding the same refresh token id. */
  #newer(a: number, b: number): number {
    const tokens = this.#tokens;
    const highA = tokens[5 * a + 3]!;
    const highB = tokens[5 * b + 3]!;
    return highA > highB || (highA === highB && tokens[5 * a + 4]! >>> 0 > tokens[5 * b + 4]! >>> 0) ? a : b;
  }

  /** Puts each refresh token's carrier (its index in the group, -1 for none) in `#refresh`: by pairs, or through a map in a large device. */
  #pairCarriers(): void {
    const tokens = this.#tokens;
    const refresh = this.#refresh;
    const byId = this.#tokenCount * this.#refreshCount > maxNestedPairing ? new Map<string, number>() : undefined;
    for (let t = 0; byId && t < this.#tokenCount; t++) {
      const id = `${tokens[5 * t + 1]}:${tokens[5 * t + 2]}`;
      const other = byId.get(id);
      byId.set(id, other === undefined ? t : this.#newer(t, other));
    }
    for (let r = 0; r < this.#refreshCount; r++) {
      let best = -1;
      if (byId) best = byId.get(`${refresh[4 * r + 1]}:${refresh[4 * r + 2]}`) ?? -1;
      else
        for (let t = 0; t < this.#tokenCount; t++)
          if (tokens[5 * t + 1] === refresh[4 * r + 1] && tokens[5 * t + 2] === refresh[4 * r + 2])
            best = best < 0 ? t : this.#newer(t, best);
      refresh[4 * r + 3] = best < 0 ? -1 : tokens[5 * best]!;
    }
  }
}

function grown(array: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(2 * array.length);
  bigger.set(array);
  return bigger;
}
