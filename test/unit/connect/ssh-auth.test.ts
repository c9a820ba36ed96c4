import { sshKeyPair } from '../../helpers/ssh-keys';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SshRoute, TrustedHostKey } from '../../../src-shared/domain/profile';
import { type RouteSecrets, resolveRoute } from '../../../src-main/connect/ssh/resolve-route';
import { SshSession } from '../../../src-main/connect/ssh/ssh-session';
import { startSshAgent, type TestAgent } from '../../helpers/ssh-agent';
import { startSsh2Server, type TestSsh2Server } from '../../helpers/ssh2-server';
import { loadPrivateKey } from '../../../src-main/connect/ssh/private-key';
import { tempFolder } from '../../helpers/temp-folders';

const password = 'ssh-Pa55word-4411';
const keyPassphrase = 'key-passphrase-5522';
let dir: string;
let server: TestSsh2Server;
let plainKeyFile: string;
let encryptedKeyFile: string;
let agent: TestAgent;
const sessions: SshSession[] = [];

function trustOf(s: TestSsh2Server): TrustedHostKey {
  return { host: `[127.0.0.1]:${s.port}`, keyType: 'ssh-ed25519', fingerprint: s.hostKeyFingerprint, confirmedAt: '' };
}

async function connect(
  route: Partial<Omit<SshRoute, 'tunnelDatabase'>> & Pick<SshRoute, 'auth'>,
  secrets: Partial<RouteSecrets> = {},
  trusted: TrustedHostKey[] = [trustOf(server)],
  env: NodeJS.ProcessEnv = {},
  knownHostsFiles: string[] = [],
) {
  const hops = await resolveRoute(
    { host: '127.0.0.1', port: server.port, user: 'admin', useSshConfig: false, ...route },
    { target: {}, jump: {}, ...secrets },
    { env },
  );
  const session = new SshSession({ hops, trust: { knownHostsFiles, trusted } });
  sessions.push(session);
  await session.client();
  return session;
}

beforeAll(async () => {
  dir = await tempFolder('mas-migrator-ssh-auth-');
  plainKeyFile = join(dir, 'id_plain');
  encryptedKeyFile = join(dir, 'id_encrypted');
  // Keys made by OpenSSH itself, as an admin's are (ssh2's generator now and then writes one ssh-add refuses).
  await promisify(execFile)('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', plainKeyFile]);
  await promisify(execFile)('ssh-keygen', ['-q', '-t', 'ed25519', '-a', '16', '-N', keyPassphrase, '-f', encryptedKeyFile]);
  const publicKeys = await Promise.all([plainKeyFile, encryptedKeyFile].map((f) => readFile(`${f}.pub`, 'utf8')));
  server = await startSsh2Server({ user: 'admin', password, authorizedKeys: publicKeys });
  agent = await startSshAgent(dir, [plainKeyFile]);
});

afterAll(async () => {
  for (const s of sessions) await s.close().catch(() => {});
  agent?.stop();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('SSH authentication', () => {
  it('logs in with a password, and names user and host (never the password) when it is wrong', async () => {
    await connect({ auth: 'password' }, { target: { password } });
    expect(server.logins.at(-1)).toEqual({ user: 'admin', method: 'password' });
    const error = await connect({ auth: 'password' }, { target: { password: 'wrong-password-0000' } }).catch((e) => e);
    expect(error).toMatchObject({ code: 'ssh-auth-failed', message: expect.stringContaining(`admin@127.0.0.1:${server.port}`) });
    expect(JSON.stringify({ ...error, message: error.message, hint: error.hint })).not.toContain('wrong-password-0000');
    await expect(connect({ auth: 'password' })).rejects.toMatchObject({ code: 'secret-required' });
  });

  it('answers keyboard-interactive password prompts when the server takes passwords only that way', async () => {
    const pam = await startSsh2Server({ user: 'admin', password, passwordVia: 'keyboard-interactive' });
    try {
      const hops = await resolveRoute(
        { host: '127.0.0.1', port: pam.port, user: 'admin', auth: 'password', useSshConfig: false },
        { target: { password }, jump: {} },
      );
      const session = new SshSession({ hops, trust: { knownHostsFiles: [], trusted: [trustOf(pam)] } });
      await session.client();
      await session.close();
      expect(pam.logins).toEqual([{ user: 'admin', method: 'keyboard-interactive' }]);
    } finally {
      await pam.close();
    }
  });

  it('logs in with a passphrase-protected key, and tells a missing or wrong passphrase apart', async () => {
    await connect({ auth: 'key', keyFile: encryptedKeyFile }, { target: { passphrase: keyPassphrase } });
    expect(server.logins.at(-1)).toEqual({ user: 'admin', method: 'publickey' });
    await expect(connect({ auth: 'key', keyFile: encryptedKeyFile })).rejects.toMatchObject({
      code: 'ssh-key-passphrase-required',
      message: expect.stringContaining(encryptedKeyFile),
    });
    await expect(connect({ auth: 'key', keyFile: encryptedKeyFile }, { target: { passphrase: 'not-it' } })).rejects.toMatchObject({
      code: 'ssh-key-wrong-passphrase',
    });
    // Some wrong passphrases decrypt to garbage ssh2 calls "malformed": still a wrong passphrase, never "unsupported".
    for (let i = 0; i < 12; i++)
      await expect(loadPrivateKey(encryptedKeyFile, `wrong-${i}`)).rejects.toMatchObject({ code: 'ssh-key-wrong-passphrase' });
  });

  it('refuses a key file in an unsupported format or missing, naming the file', async () => {
    const pkcs8 = join(dir, 'id_pkcs8');
    const { privateKey } = generateKeyPairSync('ed25519', {
      privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'x' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    await writeFile(pkcs8, privateKey);
    await expect(connect({ auth: 'key', keyFile: pkcs8 }, { target: { passphrase: 'x' } })).rejects.toMatchObject({
      code: 'ssh-key-unsupported',
      message: expect.stringContaining(pkcs8),
    });
    await expect(connect({ auth: 'key', keyFile: join(dir, 'nope') })).rejects.toMatchObject({ code: 'ssh-key-unreadable' });
  });

  it('logs in with a key held by a real ssh-agent, and says clearly when no agent is reachable', async () => {
    await connect({ auth: 'agent' }, {}, undefined, { SSH_AUTH_SOCK: agent.socket });
    expect(server.logins.at(-1)).toEqual({ user: 'admin', method: 'publickey' });
    await expect(connect({ auth: 'agent' }, {}, undefined, {})).rejects.toMatchObject({
      code: 'ssh-agent-unreachable',
      message: expect.stringContaining('SSH_AUTH_SOCK is not set'),
    });
    await expect(connect({ auth: 'agent' }, {}, undefined, { SSH_AUTH_SOCK: join(dir, 'gone.sock') })).rejects.toMatchObject({
      code: 'ssh-agent-unreachable',
      message: expect.stringContaining('gone.sock'),
    });
  });

  it('reports an unreachable host', async () => {
    await expect(connect({ auth: 'password', port: 1 }, { target: { password } })).rejects.toMatchObject({
      code: 'ssh-unreachable',
      message: expect.stringContaining('127.0.0.1:1'),
    });
  });
});

describe('SSH host keys', () => {
  it('never accepts an unknown key silently: refuses it with its fingerprint until confirmed', async () => {
    const error = await connect({ auth: 'password' }, { target: { password } }, []).catch((e) => e);
    expect(error).toMatchObject({
      code: 'ssh-host-key-unknown',
      hostKey: { host: `[127.0.0.1]:${server.port}`, fingerprint: server.hostKeyFingerprint },
    });
    await connect({ auth: 'password' }, { target: { password } }, [trustOf(server)]);
  });

  it('refuses a changed key loudly, whether confirmed in the profile or listed in known_hosts', async () => {
    const other = { ...trustOf(server), fingerprint: `SHA256:${'B'.repeat(43)}` };
    const fromProfile = await connect({ auth: 'password' }, { target: { password } }, [other]).catch((e) => e);
    expect(fromProfile).toMatchObject({ code: 'ssh-host-key-changed', message: expect.stringContaining('HAS CHANGED') });
    expect(fromProfile.message).toContain(server.hostKeyFingerprint);
    const knownHosts = join(dir, 'known_hosts');
    const otherKey = utils.parseKey(sshKeyPair().public);
    if (otherKey instanceof Error) throw otherKey;
    await writeFile(knownHosts, `# comment\n[127.0.0.1]:${server.port} ssh-ed25519 ${otherKey.getPublicSSH().toString('base64')}\n`);
    const fromKnownHosts = await connect({ auth: 'password' }, { target: { password } }, [], {}, [knownHosts]).catch((e) => e);
    expect(fromKnownHosts).toMatchObject({ code: 'ssh-host-key-changed', message: expect.stringContaining(`${knownHosts}:2`) });
    // a confirmation in the profile does not override a known_hosts mismatch
    await expect(connect({ auth: 'password' }, { target: { password } }, [trustOf(server)], {}, [knownHosts])).rejects.toMatchObject({
      code: 'ssh-host-key-changed',
    });
  });

  it('asks first for a key type known for the host, as OpenSSH does, so a known host is not taken for an unknown one', async () => {
    const both = await startSsh2Server({ user: 'admin', password, hostKeyTypes: ['ed25519', 'ecdsa'] });
    try {
      const ecdsa = both.hostKeys[1]!;
      const knownHosts = join(dir, 'known_hosts_ecdsa');
      await writeFile(knownHosts, `[127.0.0.1]:${both.port} ${ecdsa.line}\n`);
      const hops = await resolveRoute(
        { host: '127.0.0.1', port: both.port, user: 'admin', auth: 'password', useSshConfig: false },
        { target: { password }, jump: {} },
      );
      const events: string[] = [];
      const session = new SshSession({ hops, trust: { knownHostsFiles: [knownHosts], trusted: [] }, onHop: (e) => events.push(e.detail) });
      sessions.push(session);
      await session.client();
      expect(events[0]).toContain(`${knownHosts}:1`);
    } finally {
      for (const s of sessions.splice(0)) await s.close();
      await both.close();
    }
  });
});
