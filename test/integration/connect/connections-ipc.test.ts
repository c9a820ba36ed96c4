import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Router } from '../../../src-main/ipc/router';
import type { ProfileSettingsInput } from '../../../src-shared/domain/profile';
import { tempDataDir } from '../../helpers/profiles';
import { sshdPath, type TestSshd } from '../../helpers/sshd';
import { sshdWithDatabases } from '../../helpers/sshd-databases';
import { recordingRouter } from '../../helpers/ipc-recorder';
import { hasTool } from '../../helpers/tools';

const dbPassword = `Db-${randomBytes(6).toString('hex')}`;
const masterPassphrase = `Master-${randomBytes(6).toString('hex')}`;
const exportPassphrase = `Export-${randomBytes(6).toString('hex')}`;
const role = `mig_${randomBytes(4).toString('hex')}`;

describe.runIf(hasTool(sshdPath, 'openssh-server'))('profiles and connection tests over IPC (real sshd, real PostgreSQL)', () => {
  let sshd: TestSshd;
  let router: Router;
  /** Every reply and event the renderer received, to prove no secret ever crossed back. */
  let seen: unknown[];
  let settings: ProfileSettingsInput;

  let call: ReturnType<typeof recordingRouter>['call'];
  let ok: ReturnType<typeof recordingRouter>['ok'];

  const server = sshdWithDatabases({ role, password: dbPassword });

  beforeAll(async () => {
    const { port, synapseDb, masDb } = server;
    sshd = server.sshd;
    await writeFile(
      join(sshd.dir, 'homeserver.yaml'),
      `server_name: example.org\ndatabase:\n  name: psycopg2\n  args:\n    host: 127.0.0.1\n    port: ${port}\n    dbname: ${synapseDb}\n    user: ${role}\n`,
    );
    ({ router, seen, call, ok } = recordingRouter(await tempDataDir()));
    settings = {
      name: 'Through sshd',
      synapse: {
        configFiles: { location: 'ssh', paths: [join(sshd.dir, 'homeserver.yaml')] },
        database: { source: 'fields', host: '127.0.0.1', port, database: synapseDb, user: role, tls: { mode: 'prefer' } },
        ssh: { host: sshd.host, port: sshd.port, user: sshd.user, auth: 'key', keyFile: sshd.userKeyFile, useSshConfig: false },
      },
      mas: {
        configFiles: { location: 'local', paths: [] },
        database: { source: 'uri', uri: `postgresql://${role}@127.0.0.1:${port}/${masDb}?sslmode=disable` },
      },
    };
  });

  it('keeps secrets out until the vault is unlocked, and refuses a wrong master passphrase', async () => {
    expect(await ok('vault.status', {})).toEqual({ kind: 'passphrase', initialised: false, unlocked: false });
    expect(await call('profiles.create', { settings, secrets: { 'synapse.database.password': dbPassword } })).toMatchObject({
      ok: false,
      error: { code: 'vault-locked' },
    });
    expect(await ok('vault.unlock', { passphrase: masterPassphrase })).toEqual({
      kind: 'passphrase',
      initialised: true,
      unlocked: true,
    });
    expect(await call('vault.unlock', { passphrase: `${masterPassphrase}x` })).toMatchObject({
      ok: false,
      error: { code: 'vault-wrong-passphrase' },
    });
  });

  it('tests a tunnelled side hop by hop: an unknown host key first, confirmed once, then everything passes', async () => {
    const profile = await ok('profiles.create', {
      settings,
      secrets: { 'synapse.database.password': dbPassword, 'mas.database.password': dbPassword },
    });
    expect(profile.secretsSet).toEqual(['synapse.database.password', 'mas.database.password']);

    const events: unknown[] = [];
    const first = await router.call('connections.test', { profileId: profile.id, side: 'synapse' }, { emit: (e) => events.push(e) });
    seen.push(first, ...events);
    expect(first).toMatchObject({ ok: true, output: { ok: false } });
    expect(events).toEqual([
      expect.objectContaining({
        step: 'host-key',
        status: 'failed',
        code: 'ssh-host-key-unknown',
        hostKey: { host: `[127.0.0.1]:${sshd.port}`, keyType: 'ssh-ed25519', fingerprint: sshd.hostKeyFingerprint },
      }),
    ]);

    const forged = {
      profileId: profile.id,
      host: `[127.0.0.1]:${sshd.port}`,
      keyType: 'ssh-ed25519',
      fingerprint: `SHA256:${'C'.repeat(43)}`,
    };
    expect(await call('connections.confirmHostKey', forged)).toMatchObject({ ok: false, error: { code: 'host-key-not-presented' } });
    await ok('connections.confirmHostKey', { ...forged, fingerprint: sshd.hostKeyFingerprint });

    const second = await ok('connections.test', { profileId: profile.id, side: 'synapse' });
    expect(second.ok).toBe(true);
    expect(second.steps.map((s) => `${s.step}:${s.status}`)).toEqual([
      'host-key:ok',
      'ssh:ok',
      'config-files:ok',
      'database:ok',
      'privileges:ok',
      'privileges:ok',
      'privileges:ok',
    ]);
    expect(second.steps[3]?.message).toContain(`via SSH ${sshd.user}@127.0.0.1:${sshd.port}`);
    expect(second.database).toMatchObject({ user: role, superuser: true });

    const mas = await ok('connections.test', { profileId: profile.id, side: 'mas' });
    expect(mas).toMatchObject({ ok: true, database: { tls: false } });

    const history = (await ok('profiles.get', { id: profile.id })).history;
    expect(history.map((h) => h.outcome)).toEqual(['failed', 'ok', 'ok']);
  });

  it("browses the server's files over SFTP", async () => {
    const profile = (await ok('profiles.list', {})).profiles[0]!;
    const listing = await ok('connections.browse', { profileId: profile.id, side: 'synapse', path: sshd.dir });
    expect(listing.where).toBe(`${sshd.user}@127.0.0.1:${sshd.port}`);
    expect(listing.entries.map((e) => e.name)).toContain('homeserver.yaml');
  });

  it('reports a wrong database password as a failed step with a fix', async () => {
    const profile = (await ok('profiles.list', {})).profiles[0]!;
    const copy = await ok('profiles.duplicate', { id: profile.id, name: 'Wrong password' });
    await ok('profiles.update', {
      id: copy.id,
      settings: { ...settings, name: 'Wrong password' },
      secrets: { 'mas.database.password': 'not-the-password-1' },
    });
    const result = await ok('connections.test', { profileId: copy.id, side: 'mas' });
    expect(result.steps.at(-1)).toMatchObject({ step: 'database', status: 'failed', code: 'db-auth-failed', fix: expect.any(String) });
    await ok('profiles.delete', { id: copy.id });
  });

  it('exports and imports profiles, and validates every input', async () => {
    const profile = (await ok('profiles.list', {})).profiles[0]!;
    const exported = await ok('profiles.export', { id: profile.id, passphrase: exportPassphrase });
    expect(exported.fileName).toBe('Through-sshd.mas-migrator-profile');
    expect(await call('profiles.import', { content: exported.content, passphrase: 'wrong passphrase' })).toMatchObject({
      ok: false,
      error: { code: 'import-wrong-passphrase' },
    });
    const imported = await ok('profiles.import', { content: exported.content, passphrase: exportPassphrase, name: 'Imported' });
    expect(imported.secretsSet).toEqual(['synapse.database.password', 'mas.database.password']);
    expect(imported.trustedHostKeys).toHaveLength(1);
    expect(await call('profiles.get', { id: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(
      await call('profiles.create', {
        settings: { ...settings, mas: { ...settings.mas, database: { source: 'uri', uri: `postgresql://x:${dbPassword}@h/db` } } },
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('never sent a secret back: no password or passphrase in any reply or event', () => {
    const everything = JSON.stringify(seen);
    expect(seen.length).toBeGreaterThan(20);
    for (const secret of [dbPassword, masterPassphrase, exportPassphrase, 'not-the-password-1']) expect(everything).not.toContain(secret);
  });
});
