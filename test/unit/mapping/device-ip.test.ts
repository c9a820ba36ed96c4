import { describe, expect, it } from 'vitest';
import { parseDeviceIp } from '../../../src-main/engine/mapping/device-ip';

const classify = (ip: string) => {
  const out = new Uint8Array(16);
  const bytes = Buffer.from(ip);
  const kind = parseDeviceIp(bytes, 0, bytes.length, out);
  return kind === 'ipv4' ? [...out.subarray(0, 4)].join('.') : kind === 'ipv6' ? Buffer.from(out).toString('hex') : kind;
};

describe('device IPs (SPEC §5: the one rule of the writer and the data notices)', () => {
  it('keeps plain IPv4 and IPv6 addresses, as their bytes', () => {
    expect(classify('192.0.2.1')).toBe('192.0.2.1');
    expect(classify('0.0.0.0')).toBe('0.0.0.0');
    expect(classify('2001:db8::1')).toBe('20010db8000000000000000000000001');
    expect(classify('2001:DB8::1')).toBe('20010db8000000000000000000000001');
    expect(classify('::')).toBe('0'.repeat(32));
    expect(classify('1:2:3:4:5:6:7:8')).toBe('00010002000300040005000600070008');
    expect(classify('1:2:3:4:5:6:7::')).toBe('00010002000300040005000600070000');
    expect(classify('::ffff:192.0.2.1')).toBe('00000000000000000000ffffc0000201');
  });

  it('"-" and empty mean unknown', () => {
    expect(classify('-')).toBe('unknown');
    expect(classify('')).toBe('unknown');
  });

  it('drops what inet rejects or reads differently: zone ids, prefix lengths, leading zeros, spaces, garbage', () => {
    for (const ip of [
      'fe80::1%eth0',
      '192.0.2.1/24',
      '2001:db8::/32',
      '01.2.3.4',
      '1.2.3.04',
      '999.1.1.1',
      '1.2.3',
      '1.2.3.4.5',
      ' 1.2.3.4',
      '1.2.3.4 ',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7:8::',
      '00001::1',
      ':1::',
      '1:',
      'garbage',
      '--',
      'x'.repeat(100),
    ]) {
      expect(classify(ip), ip).toBe('invalid');
    }
  });
});
