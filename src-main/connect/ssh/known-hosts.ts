import { createHmac, timingSafeEqual } from 'node:crypto';
import { wildcardRegExp } from './wildcard';

/** How known_hosts names a host: `name` on port 22, `[name]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export interface KnownHostsEntry {
  marker: '' | '@revoked' | '@cert-authority';
  patterns: string;
  keyType: string;
  key: Buffer;
  /** `file:line`, for messages. */
  origin: string;
}

export function parseKnownHosts(text: string, file: string): KnownHostsEntry[] {
  const entries: KnownHostsEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    const marker = fields[0] === '@revoked' || fields[0] === '@cert-authority' ? (fields.shift() as KnownHostsEntry['marker']) : '';
    const [patterns, keyType, key] = fields;
    if (!patterns || !keyType || !key) return;
    entries.push({ marker, patterns, keyType, key: Buffer.from(key, 'base64'), origin: `${file}:${index + 1}` });
  });
  return entries;
}

/** `|1|salt|hash` entries: HMAC-SHA1 of the name keyed by the salt. */
function matchesHashed(pattern: string, name: string): boolean {
  const [, kind, salt, hash] = pattern.split('|');
  if (kind !== '1' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function matchesWildcard(pattern: string, name: string): boolean {
  return wildcardRegExp(pattern, 'i').test(name);
}

/** Whether a known_hosts host field names this host (comma lists, wildcards, `!` negations, hashed names). */
export function hostMatches(patterns: string, name: string): boolean {
  if (patterns.startsWith('|')) return matchesHashed(patterns, name);
  let matched = false;
  for (const pattern of patterns.split(',')) {
    if (pattern.startsWith('!')) {
      if (matchesWildcard(pattern.slice(1), name)) return false;
    } else if (matchesWildcard(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

export type KnownHostsVerdict =
  | { kind: 'match'; origin: string }
  | { kind: 'revoked'; origin: string }
  | { kind: 'mismatch'; origins: string[]; expected: Buffer[] }
  | { kind: 'unknown' };

/**
 * Looks a presented host key up like OpenSSH: a revoked key is refused, a
 * listed key matches, a host listed with another key of the same type has
 * changed its key, anything else is unknown.
 */
export function lookupHostKey(entries: readonly KnownHostsEntry[], name: string, keyType: string, key: Buffer): KnownHostsVerdict {
  const forHost = entries.filter((e) => e.marker !== '@cert-authority' && hostMatches(e.patterns, name));
  const revoked = forHost.find((e) => e.marker === '@revoked' && e.key.equals(key));
  if (revoked) return { kind: 'revoked', origin: revoked.origin };
  const plain = forHost.filter((e) => e.marker === '');
  const match = plain.find((e) => e.key.equals(key));
  if (match) return { kind: 'match', origin: match.origin };
  const sameType = plain.filter((e) => e.keyType === keyType);
  if (sameType.length) return { kind: 'mismatch', origins: sameType.map((e) => e.origin), expected: sameType.map((e) => e.key) };
  return { kind: 'unknown' };
}
