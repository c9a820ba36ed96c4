import { describe, expect, it } from 'vitest';
import { splitCopyLine } from '../../../src-main/engine/migration/copy-text';
import { accessTokensStage } from '../../../src-main/engine/migration/mapping/access-tokens';
import { deviceIp } from '../../../src-main/engine/migration/mapping/devices';
import { type MappingContext, num } from '../../../src-main/engine/migration/mapping/stage';
import { IdMinter, uuidTimestampMs } from '../../../src-main/engine/migration/ulid-ids';

function context(): MappingContext {
  return { ids: new IdMinter(), startMs: 1_700_000_000_000, providerUuids: new Map(), notices: { invalidIps: 0, nullCreationTs: 0 } };
}

describe('row mapping details (SPEC §5)', () => {
  it('timestamps outside 1970–9999 (sentinels like 2^63-1) count as absent', () => {
    expect(num('1600000000000')).toBe(1600000000000);
    expect(num('9223372036854775807')).toBeNull();
    expect(num('-5')).toBeNull();
    expect(num(null)).toBeNull();
  });

  it('a token that "never expires" gets no expiry instead of failing the run; no last_validated means the migration start', () => {
    const ctx = context();
    const out: string[][] = [[], []];
    // id, user, device, token, last_validated, valid_until_ms, admin, user created, session first ms, reason
    const reason = accessTokensStage.map(
      ['7', '@a:x', null, 'syt_7', null, '9223372036854775807', 'f', '1600000000000', null, null],
      out,
      ctx,
    );
    expect(reason).toBeUndefined();
    const [token] = out[0]!.map((l) => splitCopyLine(l.slice(0, -1)));
    expect(token![4]).toBeNull();
    expect(token![3]).toBe(new Date(ctx.startMs).toISOString());
    expect(uuidTimestampMs(token![0]!)).toBe(ctx.startMs);
    // The deviceless token got its own session, and the token points at it.
    const [session] = out[1]!.map((l) => splitCopyLine(l.slice(0, -1)));
    expect(token![1]).toBe(session![0]);
  });

  it('a skip reason from the query skips the row and writes nothing', () => {
    const out: string[][] = [[], []];
    expect(accessTokensStage.map(['8', '@a:x', 'D', 'syt_8', null, null, 'f', null, null, 'puppet-token'], out, context())).toBe(
      'puppet-token',
    );
    expect(out).toEqual([[], []]);
  });

  it('device IPs: IPv4 and IPv6 kept; "-" and empty are unknown; anything else is NULL and counted', () => {
    const ctx = context();
    expect(deviceIp('192.0.2.1', ctx)).toBe('192.0.2.1');
    expect(deviceIp('2001:db8::1', ctx)).toBe('2001:db8::1');
    expect(deviceIp('-', ctx)).toBeNull();
    expect(deviceIp('', ctx)).toBeNull();
    expect(ctx.notices.invalidIps).toBe(0);
    expect(deviceIp('garbage', ctx)).toBeNull();
    expect(deviceIp('192.0.2.1/24', ctx)).toBeNull();
    expect(deviceIp('999.1.1.1', ctx)).toBeNull();
    expect(ctx.notices.invalidIps).toBe(3);
  });
});
