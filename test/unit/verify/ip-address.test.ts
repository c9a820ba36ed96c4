import { describe, expect, it } from 'vitest';
import { isIPv4 } from 'node:net';
import { expectedSessionIp, foundSessionIp, printedIpv4 } from '../../../src-main/engine/verify/ip-address';

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

  it('reads the bytes of exactly the IPv4 addresses isIPv4 takes, which are their own canonical form', () => {
    const texts = [
      '10.1.2.3',
      '0.0.0.0',
      '255.255.255.255',
      '1.22.103.0',
      '256.1.1.1',
      '1.2.3.300',
      '01.2.3.4',
      '1.2.3.00',
      '1.2.3',
      '1.2.3.4.',
      '.1.2.3.4',
      '1..2.3',
      '1.2.3.4.5',
      '1.2.3.1000',
      '',
      '-',
      '1.2.3.4/32',
      '1.2.3.4 ',
      'a.b.c.d',
      '::1',
      '1.2.3.4%eth0',
    ];
    for (const text of texts) {
      // Inside a larger buffer, as a COPY row's field is.
      const buf = Buffer.from(`9.9${text}9.9`);
      const address = printedIpv4(buf, 3, Buffer.byteLength(text));
      expect(address >= 0, text).toBe(isIPv4(text));
      if (!isIPv4(text)) continue;
      expect(expectedSessionIp(text)).toBe(text);
      expect([address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255, address & 255].join('.')).toBe(text);
    }
    expect(printedIpv4(Buffer.from('1.2.3.4'), 0, -1)).toBe(-1); // NULL
  });

  it('a MAS value with a mask is not the host address', () => {
    expect(foundSessionIp('10.1.2.3/24')).not.toBe(expectedSessionIp('10.1.2.3'));
    expect(foundSessionIp(null)).toBeNull();
  });
});
