import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { SandboxInfo } from '../../../src-shared/contract/sandbox';
import type { ProfileView } from '../../../src-shared/domain/profile';
import { loadMasConfig, masDatabaseConnection } from '../../../src-main/engine/config/mas-config';
import { loadSynapseConfig } from '../../../src-main/engine/config/synapse-config';
import { synapseDatabaseConnection } from '../../../src-main/engine/config/synapse-database';
import { runCli } from '../../../src-main/hosts/cli/run';
import type { SecretInput } from '../../../src-main/hosts/cli/secret-input';
import { handlers } from '../../../src-main/ipc/handlers';
import { sandboxSampleLogins } from '../../../src-shared/domain/sandbox-logins';
import { createRouter } from '../../../src-main/ipc/router';
import pg from 'pg';

async function count(connection: pg.ClientConfig, sql: string): Promise<number> {
  const client = new pg.Client(connection);
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
  } finally {
    await client.end();
  }
}

/** "Try with sample data": a local PostgreSQL with a generated Synapse, a blank MAS, their configs, and a profile. */
describe('the sandbox', async () => {
  const router = createRouter(handlers, { host: 'web', dataDir: await mkdtemp(join(tmpdir(), 'mas-sandbox-data-')) });
  const call = async <T>(channel: string, input: unknown, events: unknown[] = []): Promise<T> => {
    const outcome = await router.call(channel, input, { emit: (e) => events.push(e) });
    if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
    return outcome.output as T;
  };
  afterAll(async () => {
    await call('sandbox.stop', {});
  });

  let info: SandboxInfo;
  it('starts once, streaming its steps, and labels its files and profile as a sandbox', async () => {
    const steps: unknown[] = [];
    const [first, second] = await Promise.all([
      call<SandboxInfo>('sandbox.start', { users: 40 }, steps),
      call<SandboxInfo>('sandbox.start', { users: 40 }),
    ]);
    info = first;
    expect(second.profileId).toBe(first.profileId);
    expect(steps.map((s) => (s as { label: string }).label)).toContain('Generating sample Synapse users, devices and tokens');
    expect(await call<SandboxInfo | null>('sandbox.status', {})).toEqual(info);
    expect(info.folder).toContain('sandbox');
    for (const file of [info.synapseConfigPath, info.masConfigPath]) expect(await readFile(file, 'utf8')).toMatch(/^# SANDBOX/);
    const profile = await call<ProfileView>('profiles.get', { id: info.profileId });
    expect(profile.name).toMatch(/^Sandbox \(sample data/);
    expect(profile.synapse.configFiles).toEqual({ location: 'local', paths: [info.synapseConfigPath] });
    expect(profile.mas.database).toEqual({ source: 'config' });
  });

  it('holds generated Synapse users and a blank MAS database that its configs point at', async () => {
    const synapse = await loadSynapseConfig([info.synapseConfigPath]);
    expect(synapse.model.server_name).toBe(info.serverName);
    expect(await count(synapseDatabaseConnection(synapse) as pg.ClientConfig, 'SELECT count(*) AS n FROM users')).toBeGreaterThanOrEqual(
      40,
    );
    const mas = await loadMasConfig([info.masConfigPath]);
    expect(mas.model.matrix?.homeserver).toBe(info.serverName);
    expect(await count(masDatabaseConnection(mas) as pg.ClientConfig, 'SELECT count(*) AS n FROM users')).toBe(0);
  });

  it('leaves the provider for the admin to pair and checks the rest cleanly', async () => {
    const { findings } = await call<{ findings: { id: string; severity: string }[] }>('config.check', {
      synapsePaths: [info.synapseConfigPath],
      masPaths: [info.masConfigPath],
    });
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.id)).toEqual([]);
    const db = await call<{ findings: { id: string; severity: string }[] }>('migration.checkDatabases', {
      synapseConfig: [info.synapseConfigPath],
      masConfig: [info.masConfigPath],
    });
    expect(
      db.findings
        .filter((f) => f.severity === 'error')
        .map((f) => f.id)
        .sort(),
    ).toEqual(['provider-missing-in-mas', 'provider-unknown-to-synapse']);
  });

  it('its documented sample logins have real hashes with the sandbox pepper: check-password accepts them', async () => {
    const check = async (localpart: string, password: string) => {
      let stdout = '';
      const code = await runCli(
        [
          'syn2mas',
          'check-password',
          '--user',
          `@${localpart}:${info.serverName}`,
          '--config',
          info.masConfigPath,
          '--synapse-config',
          info.synapseConfigPath,
        ],
        {
          stdout: { write: (t: string) => (stdout += t) },
          stderr: { write: () => {} },
          stdin: Readable.from([`${password}\n`]) as unknown as SecretInput,
        },
      );
      return { code, stdout };
    };
    for (const login of sandboxSampleLogins)
      expect(await check(login.localpart, login.password), login.localpart).toMatchObject({ code: 0 });
    expect((await check('user9', 'fullwidth')).code).toBe(0);
    expect((await check('user8', 'sandbox-admin-1')).code).toBe(12);
    // The pepper is the sandbox's own: it is in homeserver.yaml and MAS scheme 1, and nowhere in the output.
    const pepper = (await loadSynapseConfig([info.synapseConfigPath])).model.password_config?.pepper;
    expect(pepper).toMatch(/^[0-9a-f]{32}$/);
    expect((await check('user1', 'sandbox-admin-1')).stdout).not.toContain(pepper);
  });

  it('stops: its folder, databases and profile are gone', async () => {
    expect(await call('sandbox.stop', {})).toEqual({ stopped: true });
    expect(existsSync(info.folder)).toBe(false);
    expect(await call('sandbox.status', {})).toBeNull();
    await expect(call('profiles.get', { id: info.profileId })).rejects.toThrow('profile-not-found');
    expect(await call('sandbox.stop', {})).toEqual({ stopped: false });
  });
});
