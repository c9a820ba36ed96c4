import { type CopyRow, int32At, TupleStore } from '../../connect/postgres/copy-binary';
import { refreshColumns as r, tokenColumns as t } from './user-streams';

/** Per-token flags. */
const refreshable = 1;
const puppet = 2;
/** Facts kept per token (int32s): flags, refresh_token_id and id as high and low halves. */
const tokenStride = 5;
/** Above this many token × refresh-token comparisons, a group pairs them through a map. */
const maxNestedPairing = 4096;

/**
 * One device's rows of the tokens and refresh streams (its group in the
 * user merge), kept until the group ends: which access token each
 * refresh token pairs with (the newest non-puppet one carrying its id, on
 * the same device) and when the device's session starts (the earliest
 * last_validated of its migrated tokens, SPEC §5), which only the whole
 * group tells. Memory grows with the largest group, never with the dataset.
 */
export class DeviceTokens {
  readonly tokens = new TupleStore();
  readonly refresh = new TupleStore();
  #facts = new Int32Array(64 * tokenStride);
  /** Per token: last_validated, +Infinity for NULL. */
  #lastValidated = new Float64Array(64);
  /** Per refresh token: its id's halves, whether its successor was used, and the index of its access token (-1: none). */
  #refreshFacts = new Int32Array(64 * 4);

  clear(): void {
    this.tokens.clear();
    this.refresh.clear();
  }

  addToken(row: CopyRow): void {
    const k = this.tokens.count;
    if ((k + 1) * tokenStride > this.#facts.length) {
      this.#facts = grown(this.#facts);
      const lastValidated = new Float64Array(2 * this.#lastValidated.length);
      lastValidated.set(this.#lastValidated);
      this.#lastValidated = lastValidated;
    }
    const at = k * tokenStride;
    const facts = this.#facts;
    facts[at] = (row.isNull(t.refreshTokenId) ? 0 : refreshable) | (row.bool(t.puppet) ? puppet : 0);
    if (!row.isNull(t.refreshTokenId)) {
      facts[at + 1] = int32At(row.buf, row.start[t.refreshTokenId]!);
      facts[at + 2] = int32At(row.buf, row.start[t.refreshTokenId]! + 4);
    }
    facts[at + 3] = int32At(row.buf, row.start[t.id]!);
    facts[at + 4] = int32At(row.buf, row.start[t.id]! + 4);
    this.#lastValidated[k] = row.int8(t.lastValidated) ?? Number.POSITIVE_INFINITY; // NULL starts no session
    this.tokens.add(row);
  }

  addRefresh(row: CopyRow): void {
    const k = this.refresh.count;
    if ((k + 1) * 4 > this.#refreshFacts.length) this.#refreshFacts = grown(this.#refreshFacts);
    const facts = this.#refreshFacts;
    facts[4 * k] = int32At(row.buf, row.start[r.id]!);
    facts[4 * k + 1] = int32At(row.buf, row.start[r.id]! + 4);
    facts[4 * k + 2] = row.bool(r.successorUsed) ? 1 : 0;
    facts[4 * k + 3] = -1;
    this.refresh.add(row);
  }

  /** A token with a refresh token: it migrates only in its pair. */
  isRefreshable(k: number): boolean {
    return (this.#facts[k * tokenStride]! & refreshable) !== 0;
  }

  isPuppet(k: number): boolean {
    return (this.#facts[k * tokenStride]! & puppet) !== 0;
  }

  /** The access token refresh token `k` pairs with, or -1 (after `settle`). */
  pairOf(k: number): number {
    return this.#refreshFacts[4 * k + 3]!;
  }

  successorUsed(k: number): boolean {
    return this.#refreshFacts[4 * k + 2] === 1;
  }

  /** Pairs the refresh tokens; returns the session start: the earliest last_validated of the migrated tokens, or null. */
  settle(): number | null {
    if (this.refresh.count > 0) this.#pair();
    let start = Number.POSITIVE_INFINITY;
    for (let k = 0; k < this.tokens.count; k++) {
      if (this.#facts[k * tokenStride] === 0) start = Math.min(start, this.#lastValidated[k]!); // neither refreshable nor a puppet
    }
    for (let k = 0; k < this.refresh.count; k++) {
      const pair = this.pairOf(k);
      if (pair >= 0 && !this.successorUsed(k)) start = Math.min(start, this.#lastValidated[pair]!);
    }
    return Number.isFinite(start) ? start : null;
  }

  /** For each refresh token, the newest non-puppet access token carrying its id. */
  #pair(): void {
    const facts = this.#facts;
    const refresh = this.#refreshFacts;
    if (this.tokens.count * this.refresh.count <= maxNestedPairing) {
      for (let j = 0; j < this.refresh.count; j++) {
        for (let k = 0; k < this.tokens.count; k++) {
          const at = k * tokenStride;
          if (isCandidate(facts, k) && facts[at + 1] === refresh[4 * j] && facts[at + 2] === refresh[4 * j + 1]) {
            const best = refresh[4 * j + 3]!;
            if (best < 0 || this.#newer(k, best)) refresh[4 * j + 3] = k;
          }
        }
      }
      return;
    }
    const newest = new Map<bigint, number>();
    for (let k = 0; k < this.tokens.count; k++) {
      if (!isCandidate(facts, k)) continue;
      const key = int64(facts[k * tokenStride + 1]!, facts[k * tokenStride + 2]!);
      const best = newest.get(key);
      if (best === undefined || this.#newer(k, best)) newest.set(key, k);
    }
    for (let j = 0; j < this.refresh.count; j++) refresh[4 * j + 3] = newest.get(int64(refresh[4 * j]!, refresh[4 * j + 1]!)) ?? -1;
  }

  /** Token `a`'s id is greater than token `b`'s. */
  #newer(a: number, b: number): boolean {
    const facts = this.#facts;
    const [ha, hb] = [facts[a * tokenStride + 3]!, facts[b * tokenStride + 3]!];
    return ha !== hb ? ha > hb : facts[a * tokenStride + 4]! >>> 0 > facts[b * tokenStride + 4]! >>> 0;
  }
}

/** A token a refresh token may pair with: refreshable, not a puppet's. */
const isCandidate = (facts: Int32Array, k: number) => (facts[k * tokenStride]! & (refreshable | puppet)) === refreshable;

function grown(array: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(2 * array.length);
  bigger.set(array);
  return bigger;
}

const int64 = (high: number, low: number) => (BigInt(high) << 32n) | BigInt(low >>> 0);
