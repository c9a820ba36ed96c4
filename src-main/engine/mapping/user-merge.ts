import { CopyRow, copyBytes } from '../../connect/postgres/copy-binary';
import type { CopyOut } from '../../connect/postgres/copy-out';
import { accessTokensStage, tokenCreatedMs, writeAccessToken } from './access-tokens';
import { DeviceTokens } from './device-tokens';
import { devicesStage, type SessionFacts, writeDeviceSession, writeOwnSession } from './devices';
import { externalIdsStage, linkProvider, writeLink } from './external-ids';
import { refreshPairsStage, writeRefreshPair } from './refresh-pairs';
import { type MappingContext, msOrNull, type StageOutput, type StagePlan } from './stage';
import { threepidsStage, writeThreepid } from './threepids';
import { isLocalUserId } from './user-id';
import {
  deviceColumns,
  devicesSelect,
  externalIdsSelect,
  refreshSelect,
  threepidsSelect,
  tokensSelect,
  userColumns,
  usersSelect,
} from './user-streams';

/** The plan's stages, by index. */
const [devicesIndex, tokensIndex, pairsIndex, threepidsIndex, linksIndex] = [0, 1, 2, 3, 4];

/**
 * Every row that belongs to a user, but the user's own (SPEC §5): its
 * threepids and external IDs, its devices, its access tokens and its
 * refreshable pairs, merged here from plain reads in one order, by user ID
 * then device ID, compared as bytes (user-streams.ts): PostgreSQL joins and
 * hashes nothing, and the user's id is derived once for all its rows. A
 * user's facts come from the users stream as its rows go by; a device's
 * tokens and refresh tokens are kept until its group ends, since its
 * session starts at the earliest of its migrated tokens and they all carry
 * the session's id.
 */
export const userRowsPlan: StagePlan = {
  stages: [devicesStage, accessTokensStage, refreshPairsStage, threepidsStage, externalIdsStage],
  selects: (q) => [usersSelect(q), devicesSelect(q), tokensSelect(q), refreshSelect(q), threepidsSelect(q), externalIdsSelect(q)],
  read: (copies, output, ctx) => new UserMerge(copies, output, ctx).run(),
};

/** One stream of the merge: `row` is its current tuple until `advance`; `ended` once none is left. */
class Cursor {
  ended = false;
  readonly row: CopyRow;

  constructor(readonly copy: CopyOut) {
    this.row = copy.row;
  }

  /** Moves to the next tuple; a promise only when the bytes received hold none. */
  advance(): Promise<void> | undefined {
    return this.copy.next() ? undefined : this.#wait();
  }

  async #wait(): Promise<void> {
    while (await this.copy.more()) if (this.copy.next()) return;
    this.ended = true;
  }
}

/** `a` against `b` (byte strings; length -1 is NULL, which sorts last as in PostgreSQL): negative, zero or positive. */
function compareBytes(a: Uint8Array, aStart: number, aLength: number, b: Uint8Array, bStart: number, bLength: number): number {
  if (aLength < 0 || bLength < 0) return (aLength < 0 ? 1 : 0) - (bLength < 0 ? 1 : 0);
  const shorter = Math.min(aLength, bLength);
  for (let k = 0; k < shorter; k++) {
    const d = a[aStart + k]! - b[bStart + k]!;
    if (d !== 0) return d;
  }
  return aLength - bLength;
}

/** A user or device ID held while the streams move on. */
class HeldKey {
  bytes = Buffer.allocUnsafe(256);
  /** -1: NULL (the deviceless tokens' device); -2: nothing held. */
  length = -2;

  get held(): boolean {
    return this.length !== -2;
  }

  get isNull(): boolean {
    return this.length === -1;
  }

  clear(): void {
    this.length = -2;
  }

  hold(row: CopyRow, i: number): void {
    this.length = row.length[i]!;
    if (this.length > this.bytes.length) this.bytes = Buffer.allocUnsafe(2 * this.length);
    if (this.length > 0) copyBytes(row.buf, row.start[i]!, this.length, this.bytes, 0);
  }

  /** Field `i` of `row` against this key. */
  compare(row: CopyRow, i: number): number {
    return compareBytes(row.buf, row.start[i]!, row.length[i]!, this.bytes, 0, this.length);
  }
}

const outOfOrder = () =>
  new Error(
    'The Synapse rows read for the user merge are not in byte order of user and device ID (or a device is listed twice); nothing was committed.',
  );

/** Where a stream's current row stands to the group being merged. */
const [inGroup, laterDevice, laterUser, ended] = [0, 1, 2, 3];

class UserMerge {
  readonly #users: Cursor;
  /** The devices, tokens and refresh streams, and where each one's row stands. */
  readonly #streams: readonly [Cursor, Cursor, Cursor];
  readonly #where = new Int8Array(3);
  /** The streams keyed by user alone; all five streams whose rows belong to users. */
  readonly #threepids: Cursor;
  readonly #externalIds: Cursor;
  readonly #userKeyed: readonly Cursor[];
  /** The user and device of the group being merged (a spare key holds the next one being found). */
  #user = new HeldKey();
  #device = new HeldKey();
  #spare = new HeldKey();
  /** The last row of the users stream passed (order check). */
  readonly #lastListed = new HeldKey();
  readonly #group = new DeviceTokens();
  /** Why the user's rows are skipped, and its sessions (null: migrated); its created_at; whether its id is minted yet. */
  #userReason: string | null = null;
  #sessionReason: string | null = null;
  #userCreatedMs = 0;
  #userIdReady = false;
  readonly #session: SessionFacts = { id: new Uint8Array(16), userId: new Uint8Array(16), createdMs: 0, admin: false };
  readonly #ownSession: SessionFacts = { id: new Uint8Array(16), userId: this.#session.userId, createdMs: 0, admin: false };
  readonly #tokenId = new Uint8Array(16);
  readonly #tokenView = new CopyRow();
  readonly #refreshView = new CopyRow();

  constructor(
    copies: CopyOut[],
    readonly output: StageOutput,
    readonly ctx: MappingContext,
  ) {
    const [users, devices, tokens, refresh, threepids, externalIds] = copies.map((copy) => new Cursor(copy)) as [
      Cursor,
      Cursor,
      Cursor,
      Cursor,
      Cursor,
      Cursor,
    ];
    this.#users = users;
    this.#streams = [devices, tokens, refresh];
    this.#threepids = threepids;
    this.#externalIds = externalIds;
    this.#userKeyed = [devices, tokens, refresh, threepids, externalIds];
  }

  /**
   * One pass over the streams; a promise is awaited only where a stream
   * must wait for bytes. Every row is compared with the group's key once as
   * it comes up (`#place`), which also checks the order: a row before the
   * group's key, or the same device twice, stops the merge.
   */
  async run(): Promise<void> {
    const users = this.#users;
    const [devices, tokens, refresh] = this.#streams;
    const threepids = this.#threepids;
    const externalIds = this.#externalIds;
    const where = this.#where;
    const group = this.#group;
    await Promise.all([users, devices, tokens, refresh, threepids, externalIds].map((c) => c.advance()));
    while (this.#nextUser()) {
      while (!users.ended && this.#user.compare(users.row, userColumns.name) < 0) {
        const p = this.#pastUser();
        if (p) await p;
      }
      this.#takeUserFacts();
      while (this.#ofUser(threepids)) {
        this.#mapThreepid(threepids.row);
        const p = threepids.advance();
        if (p) await p;
      }
      while (this.#ofUser(externalIds)) {
        this.#mapExternalId(externalIds.row);
        const p = externalIds.advance();
        if (p) await p;
      }
      this.#device.clear();
      for (let s = 0; s < 3; s++) where[s] = this.#place(this.#streams[s]!);
      while (this.#nextDevice()) {
        const hasDevice = where[0] === inGroup; // its row stays valid: its stream waits
        group.clear();
        while (where[1] === inGroup) {
          group.addToken(tokens.row);
          const p = tokens.advance();
          if (p) await p;
          where[1] = this.#place(tokens);
        }
        while (where[2] === inGroup) {
          group.addRefresh(refresh.row);
          const p = refresh.advance();
          if (p) await p;
          where[2] = this.#place(refresh);
        }
        this.#map(hasDevice ? devices.row : undefined, group.settle());
        if (hasDevice) {
          const p = devices.advance();
          if (p) await p;
          where[0] = this.#place(devices);
          if (where[0] === inGroup) throw outOfOrder(); // the same device twice
        }
        const flushing = this.output.between();
        if (flushing) await flushing;
      }
    }
    while (!users.ended) {
      const p = this.#pastUser();
      if (p) await p;
    }
  }

  /** Where the stream's row stands to the held user and device. */
  #place(c: Cursor): number {
    if (c.ended) return ended;
    const row = c.row;
    const byUser = this.#user.compare(row, 0);
    if (byUser !== 0) {
      if (byUser < 0) throw outOfOrder();
      return laterUser;
    }
    if (!this.#device.held) return laterDevice;
    const byDevice = this.#device.compare(row, 1);
    if (byDevice < 0) throw outOfOrder();
    return byDevice === 0 ? inGroup : laterDevice;
  }

  /** Whether a stream keyed by user alone is at a row of the held user (a row before it stops the merge). */
  #ofUser(c: Cursor): boolean {
    if (c.ended) return false;
    const order = this.#user.compare(c.row, 0);
    if (order < 0) throw outOfOrder();
    return order === 0;
  }

  /** Holds the next user: the smallest user ID on the streams (false when they have all ended). */
  #nextUser(): boolean {
    const next = this.#spare;
    let found = false;
    for (const c of this.#userKeyed) {
      if (c.ended || (found && next.compare(c.row, 0) >= 0)) continue;
      next.hold(c.row, 0);
      found = true;
    }
    if (!found) return false;
    this.#spare = this.#user;
    this.#user = next;
    return true;
  }

  /** Holds the held user's next device, the smallest of its rows' (false when none is left), and marks the rows in its group. */
  #nextDevice(): boolean {
    const where = this.#where;
    const next = this.#spare;
    let first = -1;
    for (let s = 0; s < 3; s++) {
      if (where[s] !== laterDevice) continue;
      const row = this.#streams[s]!.row;
      const order = first < 0 ? -1 : next.compare(row, 1);
      if (order < 0) {
        next.hold(row, 1);
        for (let t = 0; t < s; t++) if (where[t] === inGroup) where[t] = laterDevice;
        first = s;
      }
      if (order <= 0) where[s] = inGroup;
    }
    if (first < 0) return false;
    this.#spare = this.#device;
    this.#device = next;
    return true;
  }

  /** Moves the users stream past its current row, checking its order. */
  #pastUser(): Promise<void> | undefined {
    const users = this.#users;
    if (this.#lastListed.held && this.#lastListed.compare(users.row, userColumns.name) <= 0) throw outOfOrder();
    this.#lastListed.hold(users.row, userColumns.name);
    return users.advance();
  }

  /** The held user's facts, from its row of the users stream if it has one. */
  #takeUserFacts(): void {
    const users = this.#users;
    const listed = !users.ended && this.#user.compare(users.row, userColumns.name) === 0;
    const u = users.row;
    if (listed) {
      this.#userReason = u.text(userColumns.reason);
      this.#sessionReason = u.text(userColumns.sessionReason);
    } else {
      const missing = isLocalUserId(this.#user.bytes, 0, this.#user.length, this.ctx.userIdSuffix) ? 'user-missing' : 'user-id-invalid';
      this.#userReason = this.#sessionReason = missing;
    }
    this.#session.admin = this.#ownSession.admin = listed && u.bool(userColumns.admin);
    this.#userCreatedMs = (listed ? msOrNull(u.int8(userColumns.createdMs)) : null) ?? this.ctx.startMs;
    this.#userIdReady = false;
  }

  #userId(): Uint8Array {
    if (!this.#userIdReady) this.ctx.ids.user(this.#userCreatedMs, this.#session.userId, this.#user.bytes, 0, this.#user.length);
    this.#userIdReady = true;
    return this.#session.userId;
  }

  #mapThreepid(row: CopyRow): void {
    const reason = this.#userReason;
    this.output.count(threepidsIndex, reason);
    if (reason === null) writeThreepid(row, this.#userId(), this.output.out[threepidsIndex]!, this.ctx);
  }

  #mapExternalId(row: CopyRow): void {
    const provider = this.#userReason ?? linkProvider(row, this.ctx);
    if (typeof provider === 'string') {
      this.output.count(linksIndex, provider);
      return;
    }
    this.output.count(linksIndex, null);
    writeLink(row, provider, this.#userId(), this.#userCreatedMs, this.output.out[linksIndex]!, this.ctx);
  }

  /** SPEC §5 for one device (or the deviceless tokens of a user): its session, tokens and pairs, or why each is skipped. */
  #map(device: CopyRow | undefined, sessionStart: number | null): void {
    const { output, ctx } = this;
    const group = this.#group;
    const userReason = this.#sessionReason;
    const deviceless = this.#device.isNull;
    // Tokens inherit their device's reason; tokens of a device that does not exist are skipped.
    const reason = device ? (userReason ?? device.text(deviceColumns.reason)) : (userReason ?? 'device-missing');
    const session = this.#session;
    if (device) {
      output.count(devicesIndex, reason);
      if (reason === null) {
        session.createdMs = msOrNull(sessionStart) ?? ctx.startMs;
        ctx.ids.fresh(session.createdMs, session.id);
        this.#userId();
        writeDeviceSession(device, session, output.out[devicesIndex]![0]!, ctx);
      }
    }
    const [accessTokens, ownSessions] = output.out[tokensIndex]!;
    for (let k = 0; k < group.tokens.count; k++) {
      if (group.isRefreshable(k)) continue; // migrated, if at all, in its pair
      const tokenReason = group.isPuppet(k) ? 'puppet-token' : deviceless ? userReason : reason;
      output.count(tokensIndex, tokenReason);
      if (tokenReason !== null) continue;
      const token = group.tokens.read(k, this.#tokenView);
      if (deviceless) {
        const own = this.#ownSession;
        own.createdMs = tokenCreatedMs(token, ctx);
        ctx.ids.fresh(own.createdMs, own.id);
        this.#userId();
        writeOwnSession(own, ownSessions!);
        writeAccessToken(token, own.id, this.#tokenId, accessTokens!, ctx);
      } else {
        writeAccessToken(token, session.id, this.#tokenId, accessTokens!, ctx);
      }
    }
    for (let k = 0; k < group.refresh.count; k++) {
      const pair = group.pairOf(k);
      const pairReason = reason ?? (pair < 0 ? 'no-access-token' : group.successorUsed(k) ? 'successor-used' : null);
      output.count(pairsIndex, pairReason);
      if (pairReason === null)
        writeRefreshPair(
          group.refresh.read(k, this.#refreshView),
          group.tokens.read(pair, this.#tokenView),
          session.id,
          output.out[pairsIndex]!,
          ctx,
        );
    }
  }
}
