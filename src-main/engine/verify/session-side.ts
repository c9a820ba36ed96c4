import { CopyRow, int32At } from '../../connect/postgres/copy-binary';
import { sessionSourceColumns as c } from './expected-rows';
import { expectedSessionIp } from './ip-address';
import { SessionRow, type SessionRowSink } from './session-row';
import type { SessionSourceCursor } from './session-source-cursor';

/**
 * SPEC §5's session side, worked out group by group (session-groups.ts: a
 * device, or a device-less token) from Synapse's sorted source
 * (sessionSourceSql): written from the rules, apart from the migration's
 * mapping code on purpose (a verifier sharing its rules would prove
 * nothing). Each row MAS must hold goes to a sink, in the columns of its
 * session TableLayout, in no order.
 */

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
 * Works out the groups of Synapse's sorted source in turn: a user's own row
 * comes first among its groups, and says whether they get sessions
 * (migrated, neither deactivated nor a guest) and with which admin flag.
 * Every rule below holds within a device, so a group's rows are all it needs.
 */
export class ExpectedSessionGroups {
  /** The user's admin flag while their groups come; undefined when the user gets no sessions. */
  #admin: boolean | null | undefined;
  readonly #out = new SessionRow();
  /** A carrier's row, read while its refresh token's is. */
  readonly #carrier = new CopyRow();
  // The device's tokens that carry a refresh token id, by their index in the group: that id's halves and their own.
  #tokens = new Int32Array(5 * 16);
  #tokenCount = 0;
  // The device's refresh tokens, by their index in the group: their id's halves, and their carrier's index.
  #refresh = new Int32Array(4 * 16);
  #refreshCount = 0;

  /** Puts the rows MAS must hold for the cursor's group in `sink`: none for a user's own row, or a user that gets none. */
  of(group: SessionSourceCursor, sink: SessionRowSink): void {
    const { first } = group;
    if (group.newUser) this.#admin = undefined;
    const part = first.int2(c.part);
    // A user's own row is alone in its group.
    if (part === 0) this.#admin = first.isNull(c.admin) ? null : first.bool(c.admin);
    else if (this.#admin !== undefined) {
      if (first.isNull(c.deviceId)) this.#deviceless(group, sink);
      // A group's rows come part by part: a device that becomes a session comes first, else its tokens give nothing.
      else if (part === 1) this.#device(group, sink);
    }
  }

  /** A token without a device: without a refresh token, it gets a session of its own. */
  #deviceless(group: SessionSourceCursor, sink: SessionRowSink): void {
    for (let k = 0; k < group.size; k++) {
      const t = group.row(k);
      if (t.int2(c.part) !== 2 || !t.isNull(c.refreshId)) continue;
      const at = t.int8(c.at);
      sink(
        this.#out
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
          .ulidTime(at),
      );
      this.#accessToken(t, sink);
    }
  }

  /**
   * A device that becomes a session (the group's first row): its tokens without
   * refresh token, its refresh pairs (a refresh token not superseded, with a
   * carrier: the newest access token holding its id), and its session, which
   * starts at the earliest use of the tokens it keeps.
   */
  #device(group: SessionSourceCursor, sink: SessionRowSink): void {
    let firstUse: number | null = null;
    this.#tokenCount = this.#refreshCount = 0;
    for (let k = 1; k < group.size; k++) {
      const row = group.row(k);
      const part = row.int2(c.part);
      if (part === 2 && row.isNull(c.refreshId)) {
        firstUse = earliest(firstUse, row.int8(c.at));
        this.#accessToken(row, sink);
      } else if (part === 2) this.#addToken(k, row);
      else if (part === 3) this.#addRefresh(k, row);
    }
    this.#pairCarriers();
    for (let r = 0; r < this.#refreshCount; r++) {
      const carrier = this.#refresh[4 * r + 3]!;
      if (carrier < 0) continue;
      const t = group.row(carrier, this.#carrier);
      const at = t.int8(c.at);
      firstUse = earliest(firstUse, at);
      this.#accessToken(t, sink);
      const refresh = group.row(this.#refresh[4 * r]!);
      sink(
        this.#out
          .begin(refreshTokens)
          .field(t, c.userId)
          .field(refresh, c.token)
          .field(t, c.deviceId)
          .field(t, c.token)
          .bool(true)
          .timeOrStart(at)
          .null()
          .ulidTime(at),
      );
    }
    const device = group.first;
    sink(
      this.#out
        .begin(sessions)
        .field(device, c.userId)
        .field(device, c.deviceId)
        .null()
        .timeOrStart(firstUse)
        .null()
        .bool(this.#admin!)
        .time(device.int8(c.at))
        .string(expectedSessionIp(device.text(c.ip)))
        .null()
        .field(device, c.userAgent)
        .field(device, c.displayName)
        .ulidTime(firstUse),
    );
  }

  /** A token's compat_access_tokens row. */
  #accessToken(t: CopyRow, sink: SessionRowSink): void {
    const at = t.int8(c.at);
    sink(
      this.#out
        .begin(accessTokens)
        .field(t, c.userId)
        .field(t, c.token)
        .field(t, c.deviceId)
        .timeOrStart(at)
        .time(t.int8(c.until))
        .ulidTime(at),
    );
  }

  #addToken(k: number, row: CopyRow): void {
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
    this.#refresh[at] = k;
    this.#refresh[at + 1] = high(row, c.id);
    this.#refresh[at + 2] = low(row, c.id);
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
