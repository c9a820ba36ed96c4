import { isIP, isIPv4, SocketAddress } from 'node:net';

/**
 * What a session's last IP must be in MAS (SPEC §5): a plain IPv4 or IPv6
 * address, written fresh from the rule; `-`, garbage, zone ids (`%eth0`) and
 * prefix lengths give none. Returned in canonical form, so it compares with
 * whatever spelling PostgreSQL's inet prints.
 */
export function expectedSessionIp(raw: string | null): string | null {
  if (raw === null || raw.includes('%') || isIP(raw) === 0) return null;
  return canonicalIp(raw);
}

/**
 * The IPv4 address the `length` bytes of `buf` from `start` spell, as an
 * unsigned 32-bit number, when they spell one as expectedSessionIp keeps it
 * and PostgreSQL prints it: four decimal octets up to 255, none with a
 * leading zero (what isIPv4 takes); else -1. Such bytes are their own
 * canonical form, so most devices' IPs need no string.
 */
export function printedIpv4(buf: Uint8Array, start: number, length: number): number {
  let octets = 0;
  let digits = 0;
  let value = 0;
  let address = 0;
  // The end stands for a fourth dot.
  for (let i = start, end = start + length; i <= end; i++) {
    const c = i === end ? dot : buf[i]!;
    if (c === dot) {
      if (digits === 0 || ++octets > 4) return -1;
      address = address * 256 + value;
      digits = value = 0;
    } else if (c >= zero && c <= zero + 9) {
      if (digits === 1 && value === 0) return -1;
      value = value * 10 + c - zero;
      if (++digits > 3 || value > 255) return -1;
    } else return -1;
  }
  return octets === 4 ? address : -1;
}

const dot = 0x2e;
const zero = 0x30;

/** MAS's `last_active_ip` as PostgreSQL prints it (a mask only when not a single host) in canonical form; anything else (a prefix length, say) stays as it is, and differs. */
export function foundSessionIp(text: string | null): string | null {
  if (text === null) return null;
  return isIP(text) === 0 ? text : canonicalIp(text);
}

function canonicalIp(address: string): string {
  // isIP accepts dotted quads only without leading zeros: they are already canonical.
  if (isIPv4(address)) return address;
  return new SocketAddress({ address, family: 'ipv6' }).address;
}
