import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ulid } from 'ulid';
import { afterAll, describe, expect, it } from 'vitest';
import type { SandboxInfo } from '../../../src-shared/contract/sandbox';
import { Profile } from '../../../src-shared/domain/profile';
import { checkStarts } from '../../../src-main/connect/postgres-binaries';
import { openSide } from '../../../src-main/connect/side-connection';
import { cleanUpBeforeQuit } from '../../../src-main/hosts/electron/app-lifecycle';
import { createServices, type Services } from '../../../src-main/ipc/context';
import { handlers } from '../../../src-main/ipc/handlers';
import { createRouter } from '../../../src-main/ipc/router';
import { FakeElectronApp, terminated } from '../../helpers/fake-electron-app';
import { tempDataDir } from '../../helpers/profiles';
import { startSsh2Server } from '../../helpers/ssh2-server';
import { tempFolder } from '../../helpers/temp-folders';

const started: Services[] = [];

/** A host's services and router, as the Electron host builds them after 'ready'. */
async function host(dataDir?: string) {
  const services = createServices({ host: 'electron', dataDir: dataDir ?? (await tempDataDir()), env: process.env });
  started.push(services);
  const router = createRouter(handlers, services);
  const startSandbox = async () => {
    const outcome = await router.call('sandbox.start', { users: 10 });
    if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
    return { info: outcome.output as SandboxInfo, registered: services.sandboxes.current! };
  };
  return { services, startSandbox };
}

afterAll(async () => {
  for (const services of started) await services.shutdown();
});

async function refusesConnections(port: number): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: 'postgres', database: 'postgres' });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.end();
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ECONNREFUSED';
  }
}

describe('the sandbox over the app lifecycle', () => {
  it('quitting stops the sandbox PostgreSQL (loaded on first use) and every SSH tunnel still open, then lets the app end', async () => {
    const { services, startSandbox } = await host();
    const { info, registered } = await startSandbox();
    const port = registered.sandbox.databases.synapse.port;
    expect(await refusesConnections(port)).toBe(false);

    // An SSH session of a side, opened the way the handlers open them, left open.
    const sshd = await startSsh2Server({ user: 'admin', password: 'tunnel-pw-1' });
    const profile = Profile.parse({
      id: ulid(),
      name: 'Tunnelled',
      createdAt: '',
      updatedAt: '',
      synapse: {
        configFiles: { location: 'ssh', paths: ['/etc/matrix-synapse/homeserver.yaml'] },
        database: { source: 'config' },
        ssh: { host: '127.0.0.1', port: sshd.port, user: 'admin', auth: 'password', useSshConfig: false },
      },
      mas: { configFiles: { location: 'local', paths: [] }, database: { source: 'config' } },
      trustedHostKeys: [
        { host: `[127.0.0.1]:${sshd.port}`, keyType: 'ssh-ed25519', fingerprint: sshd.hostKeyFingerprint, confirmedAt: '' },
      ],
    });
    const side = await openSide(
      profile,
      'synapse',
      { 'synapse.ssh.password': 'tunnel-pw-1' },
      { env: {}, knownHostsFiles: [], tunnels: services.tunnels },
    );
    await side.ssh!.client();
    expect(services.tunnels.size).toBe(1);

    const app = new FakeElectronApp();
    const problems: string[] = [];
    cleanUpBeforeQuit(app, () => services.shutdown(), { timeoutMs: 30_000, onProblem: (p) => problems.push(p) });
    app.quit();
    expect(app.terminated).toBe(false);
    await terminated(app);

    expect(problems).toEqual([]);
    expect(await refusesConnections(port)).toBe(true);
    for (const folder of registered.sandbox.folders) expect(existsSync(folder), folder).toBe(false);
    await expect(services.profiles.store.get(info.profileId)).rejects.toThrow('There is no profile');
    expect(existsSync(join(services.dataDir, 'sandbox-running.json'))).toBe(false);
    expect(services.tunnels.size).toBe(0);
    await expect(side.ssh!.client()).rejects.toMatchObject({ code: 'ssh-closed' });
    await sshd.close();
  });

  it('a sandbox left by a crash is cleared on the next start: its folders and its profile', async () => {
    const dataDir = await tempDataDir();
    const crashed = await host(dataDir);
    const { info, registered } = await crashed.startSandbox();
    expect(existsSync(join(dataDir, 'sandbox-running.json'))).toBe(true);

    // The app died without quitting; the next start builds its services on the same data folder.
    const next = await host(dataDir);
    await next.services.clearLeftovers();
    for (const folder of registered.sandbox.folders) expect(existsSync(folder), folder).toBe(false);
    await expect(next.services.profiles.store.get(info.profileId)).rejects.toThrow('There is no profile');
    expect(existsSync(join(dataDir, 'sandbox-running.json'))).toBe(false);
    await next.services.clearLeftovers(); // nothing left: nothing to do
  });

  it('a tampered marker removes nothing but sandbox temp folders', async () => {
    const dataDir = await tempDataDir();
    const notOurs = await tempFolder('not-a-sandbox-');
    const lookalike = join(dataDir, 'mas-migrator-sandbox-abc123');
    await writeFile(
      join(dataDir, 'sandbox-running.json'),
      JSON.stringify({ profileId: ulid(), folders: [notOurs, lookalike, dataDir, '/', `${tmpdir()}/mas-migrator-sandbox-../etc`] }),
    );
    const { services } = await host(dataDir);
    await services.clearLeftovers();
    expect(existsSync(notOurs)).toBe(true);
    expect(existsSync(dataDir)).toBe(true);
    expect(existsSync(join(dataDir, 'sandbox-running.json'))).toBe(false);
  });

  it('a sandbox another running host (a web host on the same data folder) owns is not a leftover', async () => {
    const dataDir = await tempDataDir();
    const theirs = await tempFolder('mas-migrator-sandbox-');
    const marker = join(dataDir, 'sandbox-running.json');
    await writeFile(marker, JSON.stringify({ profileId: ulid(), folders: [theirs], pid: process.ppid }));
    const { services } = await host(dataDir);
    await services.clearLeftovers();
    expect(existsSync(theirs)).toBe(true);
    expect(existsSync(marker)).toBe(true);
    await rm(theirs, { recursive: true });
  });

  it('a PostgreSQL program that cannot be spawned (as inside an archive) is a clear error, not an uncaught one', async () => {
    for (const program of ['/nonexistent/initdb', '/etc/hostname/initdb']) {
      await expect(checkStarts(program)).rejects.toMatchObject({
        code: 'sandbox-postgres-unavailable',
        message: expect.stringMatching(
          new RegExp(
            `^The sample-data sandbox cannot run its PostgreSQL on this computer: ${program} cannot be started \\((ENOENT|ENOTDIR)\\)`,
          ),
        ),
      });
    }
    await expect(checkStarts('/bin/false')).rejects.toMatchObject({
      message: expect.stringContaining('/bin/false --version failed (exit code 1)'),
    });
  });
});
