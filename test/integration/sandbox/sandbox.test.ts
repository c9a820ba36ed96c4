import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { runCliCaptured } from '../../helpers/cli';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../src-shared/contract/checks';
import type { SandboxInfo } from '../../../src-shared/contract/sandbox';
import type { ProfileView } from '../../../src-shared/domain/profile';
import { loadMasConfig, type MasConfig } from '../../../src-main/engine/config/mas/mas-config';
import { loadSynapseConfig, type SynapseConfig } from '../../../src-main/engine/config/synapse/synapse-config';
import { createServices } from '../../../src-main/ipc/context';
import { handlers } from '../../../src-main/ipc/handlers';
import { sandboxSampleLogins } from '../../../src-shared/domain/sandbox-logins';
import { createRouter } from '../../../src-main/ipc/router';
import { configDatabases } from '../../../src-main/app/sources/config-databases';
import { tempFolder } from '../../helpers/temp-folders';

/** Counts rows in the databases both configs name, reached the way every host reaches them. */
async function count(synapse: SynapseConfig, mas: MasConfig, side: 'synapse' | 'mas'): Promise<number> {
  const databases = await configDatabases(synapse, mas, { env: {} });
  const client = await databases[side].connect('sandbox-test');
  try {
    return Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM users')).rows[0]!.n);
  } finally {
    await client.end();
  }
}

/** "Try with sample data": a local PostgreSQL with a generated Synapse, a blank MAS, their configs, and a profile. */
describe('the sandbox', async () => {
  const router = createRouter(handlers, createServices({ host: 'web', dataDir: await tempFolder('mas-sandbox-data-'), env: process.env }));
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
    const mas = await loadMasConfig([info.masConfigPath]);
    expect(mas.model.matrix?.homeserver).toBe(info.serverName);
    expect(await count(synapse, mas, 'synapse')).toBeGreaterThanOrEqual(40);
    expect(await count(synapse, mas, 'mas')).toBe(0);
  });

  it('leaves the provider for the admin to pair and checks the rest cleanly', async () => {
    const checked = await call<CheckResult>('checks.run', { profileId: info.profileId });
    expect(checked.databasesChecked).toBe(true);
    const errors = checked.findings.filter((f) => f.severity === 'error');
    expect(errors.filter((f) => f.area.endsWith('-config'))).toEqual([]);
    expect(errors.map((f) => f.id).sort()).toEqual(['provider-missing-in-mas', 'provider-unknown-to-synapse']);
    // Invite-only with registration tokens: one of each kind, and the generated MAS config keeps requiring them.
    expect(checked.findings.find((f) => f.id === 'registration-tokens')?.message).toMatch(
      /^4 registration tokens in Synapse: 2 still usable, 2 used up or expired;/,
    );
    expect(checked.findings.map((f) => f.id)).not.toContain('registration-token-not-required');
    expect((await loadMasConfig([info.masConfigPath])).model.account?.password_registration_token_required).toBe(true);
  });

  it('its documented sample logins have real hashes with the sandbox pepper: check-password accepts them', async () => {
    const check = async (localpart: string, password: string) => {
      const argv = ['syn2mas', 'check-password', '--user', `@${localpart}:${info.serverName}`, '--config', info.masConfigPath];
      const { code, stdout } = await runCliCaptured([...argv, '--synapse-config', info.synapseConfigPath], { stdin: `${password}\n` });
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
