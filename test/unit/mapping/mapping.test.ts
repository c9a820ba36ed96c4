import { describe, expect, it } from 'vitest';
import { CopyRow, CopyRows, readTuple } from '../../../src-main/connect/postgres/copy-binary';
import { writeAccessToken } from '../../../src-main/engine/mapping/access-tokens';
import { type MappingContext, msOrNull, noNotices } from '../../../src-main/engine/mapping/stage';
import { formatUuid, IdMinter, uuidTimestampMs } from '../../../src-main/engine/mas/ulid-ids';

function context(): MappingContext {
  return {
    ids: new IdMinter(),
    startMs: 1_700_000_000_000,
    userIdSuffix: Buffer.from(':x'),
    providerUuids: new Map(),
    notices: noNotices(),
  };
}

type Field = { text: string } | { int8: bigint } | { int2: number } | { bool: boolean } | null;

function fieldBytes(f: Exclude<Field, null>): Buffer {
  if ('text' in f) return Buffer.from(f.text);
  if ('bool' in f) return Buffer.from([f.bool ? 1 : 0]);
  const bytes = Buffer.alloc('int8' in f ? 8 : 2);
  if ('int8' in f) bytes.writeBigInt64BE(f.int8);
  else bytes.writeInt16BE(f.int2);
  return bytes;
}

/** One binary COPY tuple from typed fields, parsed as the engine parses Synapse's rows. */
function tuple(fields: Field[], use: (row: CopyRow) => void): void {
  const parts: Buffer[] = [Buffer.from([fields.length >> 8, fields.length & 0xff])];
  for (const f of fields) {
    const bytes = f === null ? undefined : fieldBytes(f);
    const length = Buffer.alloc(4);
    length.writeInt32BE(bytes ? bytes.length : -1);
    parts.push(length, ...(bytes ? [bytes] : []));
  }
  const bytes = Buffer.concat(parts);
  const row = new CopyRow();
  readTuple(bytes, 0, bytes.length, row);
  use(row);
}

/** The rows a stage wrote into one table, field by field: bytes, or null. */
function written(rows: CopyRows): (Buffer | null)[][] {
  const out: (Buffer | null)[][] = [];
  const bytes = rows.take() ?? Buffer.alloc(0);
  const row = new CopyRow();
  for (let at = 0; at < bytes.length; ) {
    at = readTuple(bytes, at, bytes.length, row);
    out.push(
      Array.from({ length: row.fields }, (_, i) =>
        row.isNull(i) ? null : Buffer.from(row.buf.subarray(row.start[i]!, row.start[i]! + row.length[i]!)),
      ),
    );
  }
  return out;
}

const uuid = (b: Buffer | null) => formatUuid(b!);
/** A binary timestamptz (µs since 2000) as epoch ms. */
const ms = (b: Buffer | null) => Number(b!.readBigInt64BE() / 1000n) + 946_684_800_000;

// Tokens stream columns (user-streams.ts): user, device, id, token, last_validated, valid_until_ms, refresh_token_id, puppet.
const accessToken = (id: number, lastValidated: bigint | null, validUntil: bigint | null): Field[] => [
  { text: '@a:x' },
  { text: 'D' },
  { int8: BigInt(id) },
  { text: `syt_${id}` },
  lastValidated === null ? null : { int8: lastValidated },
  validUntil === null ? null : { int8: validUntil },
  null,
  { bool: false },
];

const sessionId = Buffer.from('00112233445566778899aabbccddeeff', 'hex');

describe('row mapping details (SPEC §5)', () => {
  it('timestamps outside 1970–9999 (sentinels like 2^63-1) count as absent', () => {
    expect(msOrNull(1600000000000)).toBe(1600000000000);
    expect(msOrNull(2 ** 63)).toBeNull();
    expect(msOrNull(253402300800000)).toBeNull();
    expect(msOrNull(-5)).toBeNull();
    expect(msOrNull(null)).toBeNull();
  });

  it('a token that "never expires" gets no expiry instead of failing the run; no last_validated means the migration start', () => {
    const ctx = context();
    const out = new CopyRows();
    tuple(accessToken(7, null, 9223372036854775807n), (row) => writeAccessToken(row, sessionId, new Uint8Array(16), out, ctx));
    const [token] = written(out);
    expect(token![4]).toBeNull();
    expect(ms(token![3]!)).toBe(ctx.startMs);
    expect(uuidTimestampMs(uuid(token![0]!))).toBe(ctx.startMs);
    expect(token![1]!.equals(sessionId)).toBe(true);
    expect(token![2]!.toString()).toBe('syt_7');
  });

  it('timestamps reach MAS exactly, in every era a ULID can hold', () => {
    for (const t of [0n, 946_684_799_999n, 1_600_000_000_123n, 9_007_199_254_740n, 253_402_300_799_999n]) {
      const out = new CopyRows();
      tuple(accessToken(8, t, t), (row) => writeAccessToken(row, sessionId, new Uint8Array(16), out, context()));
      const [token] = written(out);
      expect([ms(token![3]!), ms(token![4]!)], String(t)).toEqual([Number(t), Number(t)]);
    }
  });
});
