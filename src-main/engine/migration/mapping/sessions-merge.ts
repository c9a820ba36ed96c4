import { CopyRow, copyBytes } from '../copy-binary';
import type { CopyOut } from '../copy-out';
import { tokenCreatedMs, accessTokensStage, writeAccessToken } from './access-tokens';
import { DeviceTokens } from './device-tokens';
import { devicesStage, type SessionFacts, writeDeviceSession, writeOwnSession } from './devices';
import { refreshPairsStage, writeRefreshPair } from './refresh-pairs';
import { deviceColumns, devicesSelect, refreshSelect, tokensSelect, userColumns, usersSelect } from './session-streams';
import { type MappingContext, msOrNull, type StageOutput, type StagePlan } from './stage';
import { isLocalUserId } from './user-id';

/** The plan's stages, by index. */
const [devicesIndex, tokensIndex, pairsIndex] = [0, 1, 2];

/**
 * Devices, non-refreshable access tokens and refreshable pairs (SPEC §5),
 * merged here from four plain reads in one order, by user ID then device
 * ID, compared as bytes (session-streams.ts): PostgreSQL joins and hashes
 * nothing. A user's facts come from the users stream as its rows go by; a
 * device's tokens and refresh tokens are kept until its group ends, since
 * its session starts at the earliest of its migrated tokens and they all
 * carry the session's id.
 */
export const sessionsPlan: StagePlan = {
  stages: [devicesStage, accessTokensStage, refreshPairsStage],
  selects: (q) => [usersSelect(q), devicesSelect(q), tokensSelect(q), refreshSelect(q)],
  read: (copies, output, ctx) => new SessionsMerge(copies, output, ctx).run(),
};

/** One stream of the merge: `row` is its current tuple until `advance`; `ended` once none is left. */
class Cursor {
  ended = false;

  constructor(readonly copy: CopyOut) {}

  get row(): CopyRow {
    return this.copy.row;
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

  /** This key comes after `other` (or `other` holds nothing). */
  after(other: HeldKey): boolean {
    return !other.held || compareBytes(this.bytes, 0, this.length, other.bytes, 0, other.length) > 0;
  }
}

const outOfOrder = () =>
  new Error(
    'The Synapse sessions streams are not in byte order of user and device ID (or a device is listed twice); nothing was committed.',
  );

class SessionsMerge {
  readonly #users: Cursor;
  readonly #devices: Cursor;
  readonly #tokens: Cursor;
  readonly #refresh: Cursor;
  /** The user and device of the group being merged; the spare keys hold the next ones, which must come after. */
  #user = new HeldKey();
  #nextUser = new HeldKey();
  #device = new HeldKey();
  #nextDevice = new HeldKey();
  /** The last row of the users stream passed (order check). */
  readonly #lastListed = new HeldKey();
  readonly #group = new DeviceTokens();
  /** Why the user's sessions are skipped (null: migrated), its created_at; whether its id is minted yet. */
  #userReason: string | null = null;
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
    [this.#users, this.#devices, this.#tokens, this.#refresh] = copies.map((copy) => new Cursor(copy)) as [Cursor, Cursor, Cursor, Cursor];
  }

  /** One pass over the four streams; a promise is awaited only where a stream must wait for bytes. */
  async run(): Promise<void> {
    const [users, devices, tokens, refresh] = [this.#users, this.#devices, this.#tokens, this.#refresh];
    await Promise.all([users, devices, tokens, refresh].map((c) => c.advance()));
    const streams = [devices, tokens, refresh];
    const group = this.#group;
    while (this.#advanceUser(streams)) {
      while (!users.ended && this.#user.compare(users.row, userColumns.name) < 0) {
        const p = this.#pastUser();
        if (p) await p;
      }
      this.#takeUserFacts();
      this.#device.clear();
      while (this.#advanceDevice(streams)) {
        const hasDevice = !devices.ended && this.#inGroup(devices.row); // its row stays valid: its stream waits
        group.clear();
        while (!tokens.ended && this.#inGroup(tokens.row)) {
          group.addToken(tokens.row);
          const p = tokens.advance();
          if (p) await p;
        }
        while (!refresh.ended && this.#inGroup(refresh.row)) {
          group.addRefresh(refresh.row);
          const p = refresh.advance();
          if (p) await p;
        }
        this.#map(hasDevice ? devices.row : undefined, group.settle());
        const p = hasDevice ? devices.advance() : undefined;
        if (p) await p;
        const flushing = this.output.between();
        if (flushing) await flushing;
      }
    }
    while (!users.ended) {
      const p = this.#pastUser();
      if (p) await p;
    }
  }

  /** Holds the next user: the smallest user ID on the streams (false when they have all ended). */
  #advanceUser(streams: readonly Cursor[]): boolean {
    const next = this.#smallest(streams, this.#nextUser, 0, undefined);
    if (!next) return false;
    if (!next.after(this.#user)) throw outOfOrder();
    this.#nextUser = this.#user;
    this.#user = next;
    return true;
  }

  /** Holds the held user's next device: its smallest device ID on the streams (false when it has no more rows). */
  #advanceDevice(streams: readonly Cursor[]): boolean {
    const next = this.#smallest(streams, this.#nextDevice, 1, this.#user);
    if (!next) return false;
    if (!next.after(this.#device)) throw outOfOrder();
    this.#nextDevice = this.#device;
    this.#device = next;
    return true;
  }

  /** Holds in `key` the smallest field `i` among the streams' rows (those of user `of` only, when given). */
  #smallest(streams: readonly Cursor[], key: HeldKey, i: number, of: HeldKey | undefined): HeldKey | undefined {
    let found = false;
    for (const c of streams) {
      if (c.ended || (of && of.compare(c.row, 0) !== 0) || (found && key.compare(c.row, i) >= 0)) continue;
      key.hold(c.row, i);
      found = true;
    }
    return found ? key : undefined;
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
    if (listed) this.#userReason = u.text(userColumns.reason);
    else
      this.#userReason = isLocalUserId(this.#user.bytes, 0, this.#user.length, this.ctx.userIdSuffix) ? 'user-missing' : 'user-id-invalid';
    this.#session.admin = this.#ownSession.admin = listed && u.bool(userColumns.admin);
    this.#userCreatedMs = (listed ? msOrNull(u.int8(userColumns.createdMs)) : null) ?? this.ctx.startMs;
    this.#userIdReady = false;
  }

  #userId(): Uint8Array {
    if (!this.#userIdReady) this.ctx.ids.user(this.#userCreatedMs, this.#session.userId, this.#user.bytes, 0, this.#user.length);
    this.#userIdReady = true;
    return this.#session.userId;
  }

  #inGroup(row: CopyRow): boolean {
    return this.#device.compare(row, 1) === 0 && this.#user.compare(row, 0) === 0;
  }

  /** SPEC §5 for one device (or the deviceless tokens of a user): its session, tokens and pairs, or why each is skipped. */
  #map(device: CopyRow | undefined, sessionStart: number | null): void {
    const { output, ctx } = this;
    const group = this.#group;
    const userReason = this.#userReason;
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
