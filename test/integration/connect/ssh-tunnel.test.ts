import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sftpFiles } from '../../../src-main/connect/files/sftp-files';
import { openDatabaseRoute } from '../../../src-main/connect/postgres/database-route';
import type { SshSession } from '../../../src-main/connect/ssh/ssh-session';
import { targetFor } from '../../helpers/pg-clients';
import { serverUrl } from '../../helpers/databases';
import { sessionTo, trustedKeyOf } from '../../helpers/ssh-routes';
import { startSshd, sshdPath, type TestSshd } from '../../helpers/sshd';
import { hasTool } from '../../helpers/tools';

/** The test server, as the SSH server (this machine) sees it. */
const pgTarget = (host = '127.0.0.1', sslmode = 'disable') => targetFor(serverUrl(), { host, sslmode });

describe.runIf(hasTool(sshdPath, 'openssh-server'))('SSH tunnel through a real OpenSSH sshd', () => {
  let sshd: TestSshd;
  const sessions: SshSession[] = [];
  const track = (s: SshSession) => {
    sessions.push(s);
    return s;
  };
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    for (const s of sessions) await s.close().catch(() => {});
    await sshd?.stop();
  });

  it('refuses an unknown host key with its SHA256 fingerprint, as OpenSSH prints it', async () => {
    const session = track(await sessionTo(sshd));
    const error = await session.client().then(
      () => undefined,
      (e) => e,
    );
    expect(error).toMatchObject({
      code: 'ssh-host-key-unknown',
      hostKey: { host: `[127.0.0.1]:${sshd.port}`, keyType: 'ssh-ed25519', fingerprint: sshd.hostKeyFingerprint },
    });
    expect(error.message).toContain(sshd.hostKeyFingerprint);
  });

  it('accepts the key found in known_hosts (hashed entry for [host]:port) and tunnels PostgreSQL queries', async () => {
    const knownHosts = join(sshd.dir, 'known_hosts');
    await writeFile(knownHosts, `[127.0.0.1]:${sshd.port} ${sshd.hostKeyLine}\n`);
    const { execFile } = await import('node:child_process');
    // ssh-keygen -H hashes the names as OpenSSH does with HashKnownHosts
    await new Promise((resolve, reject) => execFile('ssh-keygen', ['-H', '-f', knownHosts], (e) => (e ? reject(e) : resolve(null))));
    expect(await readFile(knownHosts, 'utf8')).toMatch(/^\|1\|[^|]+\|[^ ]+ ssh-ed25519 /);
    const session = track(await sessionTo(sshd, { knownHostsFiles: [knownHosts] }));
    const route = await openDatabaseRoute({ target: await pgTarget(), ssh: session });
    const clients = await Promise.all([route.connect(), route.connect(), route.connect()]);
    const results = await Promise.all(clients.map((c, i) => c.query('SELECT $1::int + 1 AS n, inet_client_addr() AS addr', [i])));
    expect(results.map((r) => r.rows[0].n)).toEqual([1, 2, 3]);
    for (const c of clients) await c.end();
    expect(route.description).toContain(`via SSH ${sshd.user}@127.0.0.1:${sshd.port}`);
  });

  it("forwards to PostgreSQL's Unix socket on the server (openssh_forwardOutStreamLocal)", async ({ skip }) => {
    const socketDir = inject('pgSocketDir');
    if (!socketDir) skip('TEST_PG_URL gives no socket folder');
    const session = track(await sessionTo(sshd, { trusted: [trustedKeyOf(sshd)] }));
    const route = await openDatabaseRoute({ target: await pgTarget(socketDir, 'prefer'), ssh: session });
    const client = await route.connect();
    const { rows } = await client.query('SELECT inet_client_addr() AS addr');
    expect(rows[0].addr).toBeNull(); // a Unix socket connection has no client address
    await client.end();
  });

  it('ends a running query with a clear error when the tunnel drops, and reconnects on the next use', async () => {
    const session = track(await sessionTo(sshd, { trusted: [trustedKeyOf(sshd)] }));
    const route = await openDatabaseRoute({ target: await pgTarget(), ssh: session });
    const client = await route.connect();
    const running = client.query('SELECT pg_sleep(60)');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await sshd.killConnections();
    await expect(running).rejects.toMatchObject({
      code: 'ssh-tunnel-dropped',
      message: expect.stringContaining(`127.0.0.1:${sshd.port} dropped`),
    });
    const again = await route.connect();
    expect((await again.query('SELECT 1 AS one')).rows[0].one).toBe(1);
    await again.end();
  });

  it('re-opens a tunnel that dropped while idle on its next use, for files and databases alike', async () => {
    const session = track(await sessionTo(sshd, { trusted: [trustedKeyOf(sshd)] }));
    await writeFile(join(sshd.dir, 'idle.yaml'), 'a: 1\n');
    expect(await sftpFiles(session).readText(join(sshd.dir, 'idle.yaml'))).toBe('a: 1\n');
    const dropped = new Promise((resolve) => session.once('drop', resolve));
    await sshd.killConnections();
    expect(await dropped).toMatchObject({ code: 'ssh-tunnel-dropped' });
    expect(await sftpFiles(session).readText(join(sshd.dir, 'idle.yaml'))).toBe('a: 1\n');
    const client = await (await openDatabaseRoute({ target: await pgTarget(), ssh: session })).connect();
    expect((await client.query('SELECT 2 AS two')).rows[0].two).toBe(2);
    await client.end();
  });

  it('notices a silent dead connection by its keepalives and fails the query instead of hanging', async () => {
    const session = track(await sessionTo(sshd, { trusted: [trustedKeyOf(sshd)] }, { keepaliveInterval: 500, keepaliveCountMax: 2 }));
    const route = await openDatabaseRoute({ target: await pgTarget(), ssh: session });
    const client = await route.connect();
    const running = client.query('SELECT pg_sleep(60)');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await sshd.freezeConnections();
    await expect(running).rejects.toMatchObject({ code: 'ssh-tunnel-dropped', message: expect.stringMatching(/keepalive/i) });
    await sshd.killConnections();
  });

  it('fails a file transfer on a silently dead connection with the tunnel error', async () => {
    const session = track(await sessionTo(sshd, { trusted: [trustedKeyOf(sshd)] }, { keepaliveInterval: 500, keepaliveCountMax: 2 }));
    await writeFile(join(sshd.dir, 'frozen.yaml'), 'b: 2\n');
    const files = sftpFiles(session);
    expect(await files.readText(join(sshd.dir, 'frozen.yaml'))).toBe('b: 2\n');
    await sshd.freezeConnections();
    await expect(files.readText(join(sshd.dir, 'frozen.yaml'))).rejects.toMatchObject({
      code: 'ssh-tunnel-dropped',
      message: expect.stringMatching(/keepalive/i),
    });
    await sshd.killConnections();
  });
});
