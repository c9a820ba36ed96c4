/**
 * The one rule for a device's last IP (SPEC §5), used by the data notices
 * and by the writer alike: a plain IPv4 address (four decimal octets, no
 * leading zeros) or a plain IPv6 address (RFC 4291 text, optionally ending
 * in an IPv4 address) becomes `last_active_ip`; `-` and empty mean unknown;
 * anything else (zone ids like `fe80::1%eth0`, prefix lengths, spaces,
 * garbage) is dropped and counted. The writer sends the address in
 * PostgreSQL's binary inet form, built here from the parsed bytes, so no
 * text the server could read differently or refuse ever reaches it.
 */

export type IpKind = 'unknown' | 'invalid' | 'ipv4' | 'ipv6';

const colon = 0x3a;
const dot = 0x2e;

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

/** Four dotted decimal octets in buf[start, end), into out[at…at+3]. */
function parseIpv4(buf: Uint8Array, start: number, end: number, out: Uint8Array, at: number): boolean {
  let i = start;
  for (let octet = 0; octet < 4; octet++) {
    if (octet > 0) {
      if (buf[i] !== dot) return false;
      i++;
    }
    const first = i;
    let value = 0;
    while (i < end && buf[i]! >= 0x30 && buf[i]! <= 0x39 && i - first < 3) value = value * 10 + buf[i++]! - 0x30;
    const digits = i - first;
    if (digits === 0 || value > 255 || (digits > 1 && buf[first] === 0x30)) return false;
    out[at + octet] = value;
  }
  return i === end;
}

/** The 16-bit groups of the IPv6 address being parsed (one parse at a time: no allocation per row). */
const groups = new Uint16Array(8);

/** RFC 4291 text in buf[start, end), into out[0…15]. */
function parseIpv6(buf: Uint8Array, start: number, end: number, out: Uint8Array): boolean {
  let count = 0;
  let gap = -1; // where "::" stands, in groups
  let i = start;
  if (buf[i] === colon) {
    if (buf[i + 1] !== colon) return false;
    gap = 0;
    i += 2;
  }
  while (i < end) {
    const first = i;
    let value = 0;
    while (i < end && i - first < 5 && hexValue(buf[i]!) >= 0) value = value * 16 + hexValue(buf[i++]!);
    if (i < end && buf[i] === dot) {
      // An IPv4 address in the last 32 bits.
      if (count > 6 || !parseIpv4(buf, first, end, out, 12)) return false;
      groups[count++] = (out[12]! << 8) | out[13]!;
      groups[count++] = (out[14]! << 8) | out[15]!;
      i = end;
      break;
    }
    if (i === first || i - first > 4 || count === 8) return false;
    groups[count++] = value;
    if (i === end) break;
    if (buf[i] !== colon) return false;
    i++;
    if (buf[i] === colon) {
      if (gap >= 0) return false;
      gap = count;
      i++;
    } else if (i === end) return false;
  }
  if (gap < 0 ? count !== 8 : count > 7) return false;
  const zeros = 8 - count;
  for (let g = 0, k = 0; g < 8; g++) {
    const value = gap >= 0 && g >= gap && g < gap + zeros ? 0 : groups[k++]!;
    out[2 * g] = value >> 8;
    out[2 * g + 1] = value & 0xff;
  }
  return true;
}

/** Classifies the IP text in buf[start, end); for an address, its 4 or 16 bytes are left in `out`. */
export function parseDeviceIp(buf: Uint8Array, start: number, end: number, out: Uint8Array): IpKind {
  const length = end - start;
  if (length === 0 || (length === 1 && buf[start] === 0x2d)) return 'unknown';
  if (length > 45) return 'invalid';
  const firstColon = buf.indexOf(colon, start);
  if (firstColon >= 0 && firstColon < end) return parseIpv6(buf, start, end, out) ? 'ipv6' : 'invalid';
  return parseIpv4(buf, start, end, out, 0) ? 'ipv4' : 'invalid';
}

/** PostgreSQL's binary inet of an address `parseDeviceIp` accepted: family, prefix bits, is_cidr, length, bytes. */
export function writeInet(kind: 'ipv4' | 'ipv6', address: Uint8Array, target: Uint8Array, at: number): void {
  const bytes = kind === 'ipv4' ? 4 : 16;
  target[at] = kind === 'ipv4' ? 2 : 3; // PGSQL_AF_INET, PGSQL_AF_INET6
  target[at + 1] = bytes * 8;
  target[at + 2] = 0;
  target[at + 3] = bytes;
  target.set(address.subarray(0, bytes), at + 4);
}

export const inetLength = (kind: 'ipv4' | 'ipv6') => (kind === 'ipv4' ? 8 : 20);
