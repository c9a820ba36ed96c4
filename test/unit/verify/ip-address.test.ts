import { describe, expect, it } from 'vitest';
import { expectedSessionIp, foundSessionIp } from '../../../src-main/engine/verify/ip-address';

describe("a session's last IP (SPEC §5)", () => {
  it('keeps plain IPv4 and IPv6 addresses, in the form PostgreSQL prints them', () => {
    expect(expectedSessionIp('10.1.2.3')).toBe('10.1.2.3');
    expect(expectedSessionIp('2001:DB8:0:0::1')).toBe(foundSessionIp('2001:db8::1'));
    expect(expectedSessionIp('::ffff:10.0.0.1')).toBe(foundSessionIp('::ffff:10.0.0.1'));
  });

  it('gives none for "-", garbage, zone ids and prefix lengths', () => {
    for (const raw of [null, '', '-', 'not-an-ip', 'fe80::1%eth0', '10.0.0.0/8', '010.0.0.1', '1.2.3'])
      expect(expectedSessionIp(raw), String(raw)).toBeNull();
  });

  it('a MAS value with a mask is not the host address', () => {
    expect(foundSessionIp('10.1.2.3/24')).not.toBe(expectedSessionIp('10.1.2.3'));
    expect(foundSessionIp(null)).toBeNull();
  });
});
