import type { TrustedHostKey } from '../../src-shared/domain/profile';
import { resolveRoute } from '../../src-main/connect/ssh/resolve-route';
import { SshSession, type SshSessionOptions } from '../../src-main/connect/ssh/ssh-session';
import type { TestSshd } from './sshd';

/** A session to the test sshd with its user key, trusting only what the test passes. */
export async function sessionTo(
  sshd: TestSshd,
  trust: { knownHostsFiles?: string[]; trusted?: TrustedHostKey[] } = {},
  options: Partial<SshSessionOptions> = {},
): Promise<SshSession> {
  const hops = await resolveRoute(
    { host: sshd.host, port: sshd.port, user: sshd.user, auth: 'key', keyFile: sshd.userKeyFile, useSshConfig: false },
    { target: {}, jump: {} },
  );
  return new SshSession({ hops, trust: { knownHostsFiles: trust.knownHostsFiles ?? [], trusted: trust.trusted ?? [] }, ...options });
}

export function trustedKeyOf(sshd: TestSshd): TrustedHostKey {
  return {
    host: `[${sshd.host}]:${sshd.port}`,
    keyType: 'ssh-ed25519',
    fingerprint: sshd.hostKeyFingerprint,
    confirmedAt: new Date().toISOString(),
  };
}
