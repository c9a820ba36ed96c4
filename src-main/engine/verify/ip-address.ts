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
