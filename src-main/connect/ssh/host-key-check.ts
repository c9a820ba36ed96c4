import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ServerHostKeyAlgorithm } from 'ssh2';
import type { TrustedHostKey } from '../../../src-shared/domain/profile';
import { AppError } from '../../../src-shared/errors';
import { keyTypeOf, sha256Fingerprint } from './fingerprint';
import { hostMatches, type KnownHostsEntry, knownHostsName, lookupHostKey, parseKnownHosts } from './known-hosts';

/** Where host keys are trusted from: the user's known_hosts files and the keys confirmed in the profile. */
export interface HostKeyTrust {
  knownHostsFiles: string[];
  trusted: readonly TrustedHostKey[];
}

export function defaultKnownHostsFiles(): string[] {
  return [join(homedir(), '.ssh', 'known_hosts'), join(homedir(), '.ssh', 'known_hosts2'), '/etc/ssh/ssh_known_hosts'];
}

/** A host key the admin has not confirmed yet: the UI shows it and asks once. */
export interface PresentedHostKey {
  /** As known_hosts names it: `name` or `[name]:port`. */
  host: string;
  keyType: string;
  fingerprint: string;
}

/** Refusal of a host key; carries the key so the UI can offer to confirm an unknown one. */
export class HostKeyError extends AppError {
  readonly hostKey: PresentedHostKey;
  constructor(
    code: 'ssh-host-key-unknown' | 'ssh-host-key-changed' | 'ssh-host-key-revoked',
    message: string,
    hint: string,
    hostKey: PresentedHostKey,
  ) {
    super(code, message, hint);
    this.hostKey = hostKey;
  }
}

export async function loadKnownHosts(files: readonly string[]): Promise<KnownHostsEntry[]> {
  const all: KnownHostsEntry[] = [];
  for (const file of files) {
    try {
      all.push(...parseKnownHosts(await readFile(file, 'utf8'), file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return all;
}

const changedHint =
  'Do not connect until you know why: someone may be intercepting the connection, or the server was reinstalled. Ask the server admin for the new fingerprint (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the server); if the change is expected, remove the old key (ssh-keygen -R HOST) or the confirmed key from the profile, and confirm the new one.';

/**
 * Decides on a presented host key; never accepts one silently. Returns where
 * it was trusted from, or throws HostKeyError (unknown, changed, revoked).
 */
export function verifyHostKey(
  entries: readonly KnownHostsEntry[],
  trusted: readonly TrustedHostKey[],
  host: string,
  port: number,
  key: Buffer,
): string {
  const name = knownHostsName(host, port);
  const presented: PresentedHostKey = { host: name, keyType: keyTypeOf(key), fingerprint: sha256Fingerprint(key) };
  const verdict = lookupHostKey(entries, name, presented.keyType, key);
  if (verdict.kind === 'revoked') {
    throw new HostKeyError(
      'ssh-host-key-revoked',
      `The host key of ${name} (${presented.fingerprint}) is marked @revoked in ${verdict.origin}.`,
      'Ask the server admin for the current host key.',
      presented,
    );
  }
  const confirmed = trusted.filter((k) => k.host === name && k.keyType === presented.keyType);
  const expected = [
    ...(verdict.kind === 'mismatch' ? verdict.expected.map(sha256Fingerprint) : []),
    ...confirmed.map((k) => k.fingerprint),
  ];
  const confirmedMatch = confirmed.some((k) => k.fingerprint === presented.fingerprint);
  if (verdict.kind === 'mismatch' || (confirmed.length > 0 && !confirmedMatch)) {
    const where = verdict.kind === 'mismatch' ? verdict.origins.join(', ') : 'this profile';
    throw new HostKeyError(
      'ssh-host-key-changed',
      `WARNING: THE HOST KEY OF ${name} HAS CHANGED. It presented ${presented.keyType} ${presented.fingerprint}, but ${where} expects ${[...new Set(expected)].join(' or ')}. The connection was refused.`,
      changedHint,
      presented,
    );
  }
  if (verdict.kind === 'match') return verdict.origin;
  if (confirmedMatch) return 'profile';
  throw new HostKeyError(
    'ssh-host-key-unknown',
    `The SSH server ${name} is not known yet. Its ${presented.keyType} host key has the fingerprint ${presented.fingerprint}.`,
    'Compare this fingerprint with the one the server shows (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the server) and confirm it once; it is then remembered in this profile.',
    presented,
  );
}

/** Signature algorithms by key type: an `ssh-rsa` key signs with these. */
const algorithmsOfKeyType: Record<string, ServerHostKeyAlgorithm[]> = {
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
};

/**
 * Host key algorithms to ask for first, like OpenSSH: the types already known
 * for this host, so a known host is not taken for an unknown one because it
 * also has a key of another type.
 */
export function preferredHostKeyAlgorithms(
  entries: readonly KnownHostsEntry[],
  trusted: readonly TrustedHostKey[],
  host: string,
  port: number,
): ServerHostKeyAlgorithm[] {
  const name = knownHostsName(host, port);
  const types = [
    ...entries.filter((e) => e.marker === '' && hostMatches(e.patterns, name)).map((e) => e.keyType),
    ...trusted.filter((k) => k.host === name).map((k) => k.keyType),
  ];
  return [...new Set(types.flatMap((type) => algorithmsOfKeyType[type] ?? []))];
}
