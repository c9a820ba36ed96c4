import { sshKeyPair } from '../../helpers/ssh-keys';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SshRoute, TrustedHostKey } from '../../../src-shared/domain/profile';
import { resolveRoute } from '../../../src-main/connect/ssh/resolve-route';
import { SshSession } from '../../../src-main/connect/ssh/ssh-session';
import { startSsh2Server, type TestSsh2Server } from '../../helpers/ssh2-server';
import { tempFolder } from '../../helpers/temp-folders';

let dir: string;
let jump: TestSsh2Server;
let jump2: TestSsh2Server;
let target: TestSsh2Server;
let keyFile: string;
let sshConfigFile: string;
const sessions: SshSession[] = [];

const trustOf = (s: TestSsh2Server): TrustedHostKey => ({
  host: `[127.0.0.1]:${s.port}`,
  keyType: 'ssh-ed25519',
  fingerprint: s.hostKeyFingerprint,
  confirmedAt: '',
});

async function open(route: Omit<SshRoute, 'tunnelDatabase'>, trusted: TrustedHostKey[]) {
  const hops = await resolveRoute(route, { target: { password: 'target-pw-1' }, jump: {} }, { sshConfigFile, env: {} });
  const session = new SshSession({ hops, trust: { knownHostsFiles: [], trusted } });
  sessions.push(session);
  await session.client();
  return session;
}

beforeAll(async () => {
  dir = await tempFolder('mas-migrator-ssh-jump-');
  const key = sshKeyPair();
  keyFile = join(dir, 'id_jump');
  await writeFile(keyFile, key.private, { mode: 0o600 });
  jump = await startSsh2Server({ user: 'hop', authorizedKeys: [key.public] });
  jump2 = await startSsh2Server({ user: 'hop', authorizedKeys: [key.public] });
  target = await startSsh2Server({ user: 'admin', password: 'target-pw-1' });
  sshConfigFile = join(dir, 'config');
  // The bastion comes from an included file, as with `Include ~/.ssh/config.d/*`.
  await mkdir(join(dir, 'config.d'));
  await writeFile(
    join(dir, 'config.d', 'bastion.conf'),
    ['Host bastion', '  HostName 127.0.0.1', `  Port ${jump.port}`, `  IdentityFile ${keyFile}`, '  IdentitiesOnly yes', ''].join('\n'),
  );
  await writeFile(join(dir, 'config.d', 'ignored.txt'), 'Host bastion\n  Port 1\n');
  await writeFile(
    join(dir, 'config.d', 'chain.conf'),
    [
      'Host inner',
      '  HostName 127.0.0.1',
      `  Port ${jump2.port}`,
      `  IdentityFile ${keyFile}`,
      'Host db-chain',
      '  HostName 127.0.0.1',
      `  Port ${target.port}`,
      '  User admin',
      '  ProxyJump hop@bastion,hop@inner',
      '',
    ].join('\n'),
  );
  await writeFile(
    sshConfigFile,
    [
      `Include ${join(dir, 'config.d')}/*.conf`,
      'Host db-server',
      '  HostName 127.0.0.1',
      `  Port ${target.port}`,
      '  User admin',
      '  ProxyJump hop@bastion',
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  for (const s of sessions) await s.close().catch(() => {});
  await jump?.close();
  await jump2?.close();
  await target?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('jump hosts', () => {
  const explicit = (): Omit<SshRoute, 'tunnelDatabase'> => ({
    host: '127.0.0.1',
    port: target.port,
    user: 'admin',
    auth: 'password',
    useSshConfig: false,
    jump: { host: '127.0.0.1', port: jump.port, user: 'hop', auth: 'key', keyFile },
  });

  it('reaches the server through a jump host, logging in at each hop', async () => {
    const session = await open(explicit(), [trustOf(jump), trustOf(target)]);
    expect(session.description).toBe(`hop@127.0.0.1:${jump.port} → admin@127.0.0.1:${target.port}`);
    expect(jump.logins.at(-1)).toEqual({ user: 'hop', method: 'publickey' });
    expect(target.logins.at(-1)).toEqual({ user: 'admin', method: 'password' });
  });

  it('verifies the host key of every hop', async () => {
    await expect(open(explicit(), [trustOf(target)])).rejects.toMatchObject({
      code: 'ssh-host-key-unknown',
      hostKey: { host: `[127.0.0.1]:${jump.port}` },
    });
    await expect(open(explicit(), [trustOf(jump)])).rejects.toMatchObject({
      code: 'ssh-host-key-unknown',
      hostKey: { host: `[127.0.0.1]:${target.port}` },
    });
  });

  it('follows ~/.ssh/config like OpenSSH: HostName, Port, User, ProxyJump, IdentityFile, Include', async () => {
    const route: Omit<SshRoute, 'tunnelDatabase'> = { host: 'db-server', auth: 'password', useSshConfig: true };
    const hops = await resolveRoute(
      route,
      { target: { password: 'target-pw-1' }, jump: {} },
      { sshConfigFile, env: { SSH_AUTH_SOCK: '/nonexistent' } },
    );
    expect(hops.map((h) => ({ label: h.label, host: h.host, port: h.port, methods: h.auth.map((a) => a.type) }))).toEqual([
      { label: `hop@bastion:${jump.port}`, host: '127.0.0.1', port: jump.port, methods: ['publickey'] }, // IdentitiesOnly: no agent
      { label: `admin@db-server:${target.port}`, host: '127.0.0.1', port: target.port, methods: ['password', 'keyboard-interactive'] },
    ]);
    const session = await open(route, [trustOf(jump), trustOf(target)]);
    expect(session.description).toContain('db-server');
  });

  it('follows a ProxyJump chain of several hosts, verifying and logging in at each', async () => {
    const before = jump2.logins.length;
    const session = await open({ host: 'db-chain', auth: 'password', useSshConfig: true }, [
      trustOf(jump),
      trustOf(jump2),
      trustOf(target),
    ]);
    expect(session.description).toBe(`hop@bastion:${jump.port} → hop@inner:${jump2.port} → admin@db-chain:${target.port}`);
    expect(jump2.logins.length).toBe(before + 1);
    await expect(open({ host: 'db-chain', auth: 'password', useSshConfig: true }, [trustOf(jump), trustOf(target)])).rejects.toMatchObject({
      code: 'ssh-host-key-unknown',
      hostKey: { host: `[127.0.0.1]:${jump2.port}` },
    });
  });
});
