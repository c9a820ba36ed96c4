import { CopyRow } from '../../connect/postgres/copy-binary';
import type { CopyOut } from '../../connect/postgres/copy-out';
import { accessTokensStage, tokenCreatedMs, writeAccessToken } from './access-tokens';
import { DeviceTokens } from './device-tokens';
import { devicesStage, type SessionFacts, writeDeviceSession, writeOwnSession } from './devices';
import { externalIdsStage, linkProvider, writeLink } from './external-ids';
import { refreshPairsStage, writeRefreshPair } from './refresh-pairs';
import type { HeldKey } from '../../connect/postgres/held-key';
import { type MergeHandler, SortedMerge } from './sorted-merge';
import { type MappingContext, msOrNull, type StageOutput, type StagePlan } from './stage';
import { threepidsStage, writeThreepid } from './threepids';
import { usersStage, writeUser } from './users';
import { isLocalUserId } from './user-id';
import {
  deviceColumns,
  devicesSelect,
  externalIdColumns,
  externalIdsSelect,
  refreshSelect,
  threepidsSelect,
  tokensSelect,
  userColumns,
  usersSelect,
} from './user-streams';

/** The plan's stages, by index. */
const [devicesIndex, tokensIndex, pairsIndex, threepidsIndex, linksIndex, usersIndex] = [0, 1, 2, 3, 4, 5];
/** The merge's streams: keyed by user alone (threepids, external IDs), and by user then device (devices, tokens, refresh). */
const [threepidsStream, tokensStream] = [0, 1];

/**
 * Every user and every row that belongs to one (SPEC §5): the user's own
 * rows, its threepids and external IDs, its devices, its access tokens and
 * its refreshable pairs, merged (sorted-merge.ts) from plain reads in one
 * order, by user ID then device ID, compared as bytes (user-streams.ts):
 * PostgreSQL joins and hashes nothing, users is read once, and the user's id
 * is derived once for all its rows. A user's facts come from the users
 * stream as its rows go by; a device's tokens and refresh tokens are kept
 * until its group ends, since its session starts at the earliest of its
 * migrated tokens and they all carry the session's id.
 */
export const userMergePlan: StagePlan = {
  stages: [devicesStage, accessTokensStage, refreshPairsStage, threepidsStage, externalIdsStage, usersStage],
  selects: (q) => [usersSelect(q), devicesSelect(q), tokensSelect(q), refreshSelect(q), threepidsSelect(q), externalIdsSelect(q)],
  read: (copies, output, ctx) => userMerge(copies, new UserRows(output, ctx)).run(),
};

/** The streams in the order of the selects. */
function userMerge(copies: CopyOut[], rows: UserRows): SortedMerge {
  const [users, devices, tokens, refresh, threepids, externalIds] = copies as [CopyOut, CopyOut, CopyOut, CopyOut, CopyOut, CopyOut];
  return new SortedMerge(
    { listing: users, listingKey: userColumns.name, byKey: [threepids, externalIds], grouped: [devices, tokens, refresh] },
    rows,
  );
}

/** SPEC §5's decisions for the rows of one user after another, as the merge hands them on. */
class UserRows implements MergeHandler {
  #user!: HeldKey;
  readonly #group = new DeviceTokens();
  /** Why the user's rows are skipped, and its sessions (null: migrated); its created_at; whether its id is minted yet. */
  #userReason: string | null = null;
  #sessionReason: string | null = null;
  #userCreatedMs = 0;
  #userIdReady = false;
  /** The subject of the user's directory link, if it got one (SPEC §11). */
  #directorySubject: Buffer | undefined;
  readonly #aloneUserId = new Uint8Array(16);
  readonly #session: SessionFacts = { id: new Uint8Array(16), userId: new Uint8Array(16), createdMs: 0, admin: false };
  readonly #ownSession: SessionFacts = { id: new Uint8Array(16), userId: this.#session.userId, createdMs: 0, admin: false };
  readonly #tokenId = new Uint8Array(16);
  readonly #tokenView = new CopyRow();
  readonly #refreshView = new CopyRow();

  constructor(
    readonly output: StageOutput,
    readonly ctx: MappingContext,
  ) {}

  startKey(user: HeldKey, listed: CopyRow | undefined): void {
    this.#user = user;
    if (listed) this.ctx.tap?.user(listed);
    this.#takeUserFacts(listed);
    this.#directorySubject = undefined;
    if (!listed) return;
    this.output.count(usersIndex, this.#userReason);
    if (this.#userReason !== null) return;
    writeUser(listed, this.#userId(), this.#userCreatedMs, this.output.out[usersIndex]!, this.ctx);
    if (this.ctx.directoryLinks)
      this.#directorySubject = this.#linkDirectory({ bytes: user.bytes, start: 0, length: user.length }, listed, () => this.#userId());
  }

  /** A user with no other rows: its own rows, and the directory's link if it gets one (SPEC §11). */
  listedAlone(row: CopyRow): void {
    this.ctx.tap?.user(row);
    const reason = row.text(userColumns.reason);
    this.output.count(usersIndex, reason);
    if (reason !== null) return;
    const name = { bytes: row.buf, start: row.start[userColumns.name]!, length: row.length[userColumns.name]! };
    const createdMs = msOrNull(row.int8(userColumns.createdMs)) ?? this.ctx.startMs;
    const userId = this.ctx.ids.user(createdMs, this.#aloneUserId, name.bytes, name.start, name.length);
    writeUser(row, userId, createdMs, this.output.out[usersIndex]!, this.ctx);
    if (this.ctx.directoryLinks) this.#linkDirectory(name, row, () => userId);
  }

  /** The directory's link of the user `name` (its users row `u`), counted in the external IDs stage; its subject when written. */
  #linkDirectory(name: { bytes: Uint8Array; start: number; length: number }, u: CopyRow, userId: () => Uint8Array): Buffer | undefined {
    const createdMs = msOrNull(u.int8(userColumns.createdMs)) ?? this.ctx.startMs;
    const linked = this.ctx.directoryLinks!.link(
      name,
      u.bool(userColumns.guest),
      createdMs,
      userId,
      this.output.out[linksIndex]![0]!,
      this.ctx,
    );
    if (linked !== undefined) this.output.count(linksIndex, typeof linked === 'string' ? linked : null);
    return typeof linked === 'object' ? linked : undefined;
  }

  keyRow(stream: number, row: CopyRow): void {
    if (stream === threepidsStream) this.#mapThreepid(row);
    else this.#mapExternalId(row);
  }

  groupRow(stream: number, row: CopyRow): void {
    if (stream === tokensStream) this.#group.addToken(row);
    else this.#group.addRefresh(row);
  }

  endGroup(device: CopyRow | undefined, deviceKey: HeldKey): void {
    this.#map(device, deviceKey.isNull, this.#group.settle());
    this.ctx.tap?.group(device, this.#group.tokens, this.#group.refresh);
    this.#group.clear();
  }

  between(): Promise<void> | undefined {
    return this.output.between();
  }

  /** The held user's facts, from its row of the users stream if it has one. */
  #takeUserFacts(u: CopyRow | undefined): void {
    if (u) {
      this.#userReason = u.text(userColumns.reason);
      this.#sessionReason = u.text(userColumns.sessionReason);
    } else {
      const missing = isLocalUserId(this.#user.bytes, 0, this.#user.length, this.ctx.userIdSuffix) ? 'user-missing' : 'user-id-invalid';
      this.#userReason = this.#sessionReason = missing;
    }
    this.#session.admin = this.#ownSession.admin = u?.bool(userColumns.admin) === true;
    this.#userCreatedMs = (u ? msOrNull(u.int8(userColumns.createdMs)) : null) ?? this.ctx.startMs;
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
    // The directory's link already says the same (its user_external_ids row for ldap has the entry's ID): one row for both.
    const directory = this.ctx.directoryLinks;
    if (
      directory &&
      this.#directorySubject &&
      provider === directory.provider &&
      row.equals(externalIdColumns.subject, this.#directorySubject)
    )
      return;
    writeLink(row, provider, this.#userId(), this.#userCreatedMs, this.output.out[linksIndex]!, this.ctx);
  }

  /** SPEC §5 for one device (or the deviceless tokens of a user): its session, tokens and pairs, or why each is skipped. */
  #map(device: CopyRow | undefined, deviceless: boolean, sessionStart: number | null): void {
    const { output, ctx } = this;
    const group = this.#group;
    const userReason = this.#sessionReason;
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
