import { createHmac, randomBytes, randomFillSync } from 'node:crypto';
import { AppError } from '../../../src-shared/errors';
import { sipHash128, sipKey } from './siphash';

const maxUlidMs = 0xffffffffffff;

/** Random bytes drawn at once, for this many fresh ids. */
const poolIds = 4096;

/**
 * Mints MAS ids (ULIDs in uuid form, SPEC §5.1): the first 48 bits are the
 * row's created_at in milliseconds, the other 80 are unpredictable without
 * the run's secret state. The one id other rows refer to without being
 * mapped with it, a user's, is keyed: a keyed hash (SipHash-2-4) of its
 * Synapse user ID (the bytes COPY delivered) under a random per-run key, so
 * every row of the user computes it and no id map is ever kept. Every
 * other id is fresh: 80 bits from the system's CSPRNG, drawn in bulk (a
 * hash costs far more than these few bytes).
 */
export class IdMinter {
  readonly #userKey: Uint32Array;
  readonly #hash = new Uint32Array(4);
  readonly #pool = Buffer.allocUnsafe(10 * poolIds);
  #poolAt = this.#pool.length;

  /** `key`: the run's secret (tests give one to compare runs). */
  constructor(key: Buffer = randomBytes(32)) {
    this.#userKey = sipKey(createHmac('sha256', key).update('user').digest().subarray(0, 16));
  }

  /** Writes into target[0…15] the id of the user whose ID is bytes[start, start + length). */
  user(createdAtMs: number, target: Uint8Array, bytes: Uint8Array, start: number, length: number): Uint8Array {
    sipHash128(this.#userKey, bytes, start, start + length, this.#hash);
    const h = this.#hash;
    for (let k = 0; k < 4; k++) {
      target[6 + k] = (h[0]! >>> (24 - 8 * k)) & 0xff;
      target[10 + k] = (h[1]! >>> (24 - 8 * k)) & 0xff;
    }
    target[14] = (h[2]! >>> 8) & 0xff;
    target[15] = h[2]! & 0xff;
    return writeTimestamp(createdAtMs, target);
  }

  /** Writes into target[0…15] an id nothing else will ask for again: random after the timestamp. */
  fresh(createdAtMs: number, target: Uint8Array): Uint8Array {
    if (this.#poolAt === this.#pool.length) {
      randomFillSync(this.#pool);
      this.#poolAt = 0;
    }
    const pool = this.#pool;
    const at = this.#poolAt;
    for (let k = 0; k < 10; k++) target[6 + k] = pool[at + k]!;
    this.#poolAt = at + 10;
    return writeTimestamp(createdAtMs, target);
  }
}

/** The ULID's first 48 bits: the milliseconds, clamped to what they can hold. */
function writeTimestamp(createdAtMs: number, target: Uint8Array): Uint8Array {
  const ms = Math.max(0, Math.min(Math.trunc(createdAtMs), maxUlidMs));
  const high = Math.floor(ms / 0x10000); // the first 32 bits of the 48-bit timestamp
  target[0] = high >>> 24;
  target[1] = (high >>> 16) & 0xff;
  target[2] = (high >>> 8) & 0xff;
  target[3] = high & 0xff;
  target[4] = (ms >>> 8) & 0xff;
  target[5] = ms & 0xff;
  return target;
}

/** 16 bytes → canonical lower-case uuid text. */
export function formatUuid(bytes: Buffer): string {
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID (26 Crockford base32 characters) as the uuid MAS stores, e.g. a provider id from the MAS config. */
export function ulidToUuid(ulid: string): string {
  if (!/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/i.test(ulid)) {
    throw new AppError(
      'invalid-ulid',
      `The MAS upstream provider id "${ulid}" is not a ULID.`,
      'Give each provider in upstream_oauth2.providers an id of 26 Crockford base32 characters, as `mas-cli config generate` does.',
    );
  }
  let value = 0n;
  for (const ch of ulid.toUpperCase()) value = (value << 5n) | BigInt(crockford.indexOf(ch));
  return formatUuid(Buffer.from(value.toString(16).padStart(32, '0'), 'hex'));
}

/** The 16 bytes of a uuid's text. */
export function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/** The millisecond timestamp in a ULID-shaped uuid. */
export function uuidTimestampMs(uuid: string): number {
  return Number.parseInt(uuid.replace(/-/g, '').slice(0, 12), 16);
}
