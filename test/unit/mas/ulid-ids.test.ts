import { randomBytes } from 'node:crypto';
import { decodeTime, ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { CopyRow } from '../../../src-main/connect/postgres/copy-binary';
import { formatUuid, IdMinter, ulidToUuid, uuidTimestampMs } from '../../../src-main/engine/mas/ulid-ids';

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A row of text fields, as the COPY parser presents one. */
function row(...fields: string[]): CopyRow {
  const r = new CopyRow();
  const parts = fields.map((f) => Buffer.from(f));
  r.buf = Buffer.concat(parts);
  let at = 0;
  parts.forEach((p, i) => {
    r.start[i] = at;
    r.length[i] = p.length;
    at += p.length;
  });
  r.fields = fields.length;
  return r;
}

/** The id of the user whose ID is field `i` of `r`, as the user merge derives it from its row. */
const id = (minter: IdMinter, ms: number, r: CopyRow, i = 0) =>
  formatUuid(Buffer.from(minter.user(ms, new Uint8Array(16), r.buf, r.start[i]!, r.length[i]!)));

describe('MAS ids (SPEC §5.1)', () => {
  it('put the created_at milliseconds in the first 48 bits', () => {
    const uuid = id(new IdMinter(), 1600000000123, row('@alice:example.org'));
    expect(uuid).toMatch(uuidShape);
    expect(uuidTimestampMs(uuid)).toBe(1600000000123);
    expect(uuidTimestampMs(id(new IdMinter(), 2 ** 50, row('x')))).toBe(2 ** 48 - 1);
  });

  it("derive a user's id from its user ID within a run, so dependents need no map", () => {
    const minter = new IdMinter();
    const alice = row('DEV', '@alice:example.org', '');
    expect(id(minter, 5, alice, 1)).toBe(id(minter, 5, row('@alice:example.org')));
    expect(id(minter, 5, alice, 1)).not.toBe(id(minter, 5, row('@bob:example.org')));
    expect(id(minter, 5, alice, 1)).not.toBe(id(minter, 5, alice, 0));
    const bytes = Buffer.from('xx@alice:example.orgyy');
    expect(formatUuid(Buffer.from(minter.user(5, new Uint8Array(16), bytes, 2, 18)))).toBe(id(minter, 5, alice, 1));
  });

  it('make the random part unpredictable without the run key: another run gives other ids', () => {
    const a = id(new IdMinter(), 5, row('@alice:example.org'));
    const b = id(new IdMinter(), 5, row('@alice:example.org'));
    expect(a.slice(14)).not.toBe(b.slice(14));
    const key = randomBytes(32);
    expect(id(new IdMinter(key), 5, row('u'))).toBe(id(new IdMinter(key), 5, row('u')));
  });

  it('fresh ids (for rows nothing refers to): the timestamp, then random bits, never twice, across refills of the random pool', () => {
    const minter = new IdMinter();
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const uuid = formatUuid(Buffer.from(minter.fresh(1600000000123 + (i % 2), new Uint8Array(16))));
      expect(uuidTimestampMs(uuid)).toBe(1600000000123 + (i % 2));
      seen.add(uuid);
    }
    expect(seen.size).toBe(10_000);
    expect(uuidTimestampMs(formatUuid(Buffer.from(minter.fresh(-5, new Uint8Array(16)))))).toBe(0);
  });

  it('convert a config ULID to the uuid with the same 128 bits', () => {
    const ulidText = ulid(1_700_000_000_000);
    const uuid = ulidToUuid(ulidText);
    expect(uuid).toMatch(uuidShape);
    expect(uuidTimestampMs(uuid)).toBe(decodeTime(ulidText));
    expect(ulidToUuid('01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBe('01563e3a-b5d3-d676-4c61-efb99302bd5b');
    expect(() => ulidToUuid('not-a-ulid')).toThrow(/not a ULID/);
  });

  it('format 16 bytes as a canonical uuid', () => {
    expect(formatUuid(Buffer.from('00112233445566778899aabbccddeeff', 'hex'))).toBe('00112233-4455-6677-8899-aabbccddeeff');
  });
});
