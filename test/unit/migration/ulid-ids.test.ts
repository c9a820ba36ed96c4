import { randomBytes } from 'node:crypto';
import { decodeTime, ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { formatUuid, IdMinter, ulidToUuid, uuidTimestampMs } from '../../../src-main/engine/migration/ulid-ids';

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('MAS ids (SPEC §5.1)', () => {
  it('put the created_at milliseconds in the first 48 bits', () => {
    const id = new IdMinter().uuid('user', '@alice:example.org', 1600000000123);
    expect(id).toMatch(uuidShape);
    expect(uuidTimestampMs(id)).toBe(1600000000123);
  });

  it('derive the same id from the same key within a run, so dependents need no map', () => {
    const minter = new IdMinter();
    expect(minter.uuid('user', '@alice:example.org', 5)).toBe(minter.uuid('user', '@alice:example.org', 5));
    expect(minter.uuid('user', '@alice:example.org', 5)).not.toBe(minter.uuid('user', '@bob:example.org', 5));
    expect(minter.uuid('user', 'x', 5)).not.toBe(minter.uuid('password', 'x', 5));
  });

  it('make the random part unpredictable without the run key: another run gives other ids', () => {
    const a = new IdMinter().uuid('user', '@alice:example.org', 5);
    const b = new IdMinter().uuid('user', '@alice:example.org', 5);
    expect(a.slice(14)).not.toBe(b.slice(14));
    const key = randomBytes(32);
    expect(new IdMinter(key).uuid('user', 'u', 5)).toBe(new IdMinter(key).uuid('user', 'u', 5));
  });

  it('convert a config ULID to the uuid with the same 128 bits', () => {
    const id = ulid(1_700_000_000_000);
    const uuid = ulidToUuid(id);
    expect(uuid).toMatch(uuidShape);
    expect(uuidTimestampMs(uuid)).toBe(decodeTime(id));
    expect(ulidToUuid('01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBe('01563e3a-b5d3-d676-4c61-efb99302bd5b');
    expect(() => ulidToUuid('not-a-ulid')).toThrow(/not a ULID/);
  });

  it('format 16 bytes as a canonical uuid', () => {
    expect(formatUuid(Buffer.from('00112233445566778899aabbccddeeff', 'hex'))).toBe('00112233-4455-6677-8899-aabbccddeeff');
  });
});
