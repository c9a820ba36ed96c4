import { createHmac, randomBytes } from 'node:crypto';
import { AppError } from '../../../src-shared/errors';
import { sipHash128, sipKey } from './siphash';

/**
 * Mints MAS ids (ULIDs in uuid form, SPEC §5.1): the first 48 bits are the
 * row's created_at in milliseconds, the other 80 come from a keyed hash
 * (SipHash-2-4) of the row's Synapse key under a random per-run key, one
 * subkey per kind of id. A dependent row computes its user's or session's id
 * from the same key, so no id map is ever kept, and nobody without the run's
 * key can predict an id.
 */
export class IdMinter {
  readonly #key: Buffer;
  readonly #subkeys = new Map<string, Uint32Array>();
  readonly #out = new Uint32Array(4);

  constructor(key: Buffer = randomBytes(32)) {
    this.#key = key;
  }

  /** `kind` separates id spaces (a user and a device may share a Synapse key). */
  uuid(kind: string, syntheticKey: string, createdAtMs: number): string {
    sipHash128(this.#subkey(kind), syntheticKey, this.#out);
    const out = this.#out;
    const ms = Math.max(0, Math.min(Math.trunc(createdAtMs), 0xffffffffffff));
    const high = Math.floor(ms / 0x10000); // the first 32 bits of the 48-bit timestamp
    return `${hex32(high)}-${hex16(ms & 0xffff)}-${hex16(out[0]! >>> 16)}-${hex16(out[0]! & 0xffff)}-${hex32(out[1]!)}${hex16(out[2]! & 0xffff)}`;
  }

  #subkey(kind: string): Uint32Array {
    let subkey = this.#subkeys.get(kind);
    if (!subkey) {
      subkey = sipKey(createHmac('sha256', this.#key).update(kind).digest().subarray(0, 16));
      this.#subkeys.set(kind, subkey);
    }
    return subkey;
  }
}

const hexByte = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex16 = (n: number) => hexByte[(n >>> 8) & 0xff]! + hexByte[n & 0xff]!;
const hex32 = (n: number) => hex16(n >>> 16) + hex16(n & 0xffff);

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

/** The millisecond timestamp in a ULID-shaped uuid. */
export function uuidTimestampMs(uuid: string): number {
  return Number.parseInt(uuid.replace(/-/g, '').slice(0, 12), 16);
}
