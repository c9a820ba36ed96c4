import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Router } from '../../../src-main/ipc/router';
import type { ProfileSettingsInput } from '../../../src-shared/domain/profile';
import { runCliCaptured } from '../../helpers/cli';
import { withClient } from '../../helpers/databases';
import { tempDataDir } from '../../helpers/profiles';
import { sshdPath, type TestSshd } from '../../helpers/sshd';
import { sshdWithDatabases } from '../../helpers/sshd-databases';
import { recordingRouter } from '../../helpers/ipc-recorder';
import { hasTool } from '../../helpers/tools';

const dbPassword = `Db-${randomBytes(6).toString('hex')}`;
const role = `work_${randomBytes(4).toString('hex')}`;

const cli = (argv: string[]) => runCliCaptured(argv);

describe.runIf(hasTool(sshdPath, 'openssh-server'))('a profile at work: configs over SFTP, Synapse database through the SSH tunnel', () => {
  let sshd: TestSshd;
  let router: Router;
  let profileId: string;
  let masDbUrl: string;
  let masConfigPath: string;
  let dataDir: string;
  const passphrase = `Master-${randomBytes(6).toString('hex')}`;
  let seen: unknown[];

  let call: ReturnType<typeof recordingRouter>['call'];
  let ok: ReturnType<typeof recordingRouter>['ok'];

  const server = sshdWithDatabases({ role, password: dbPassword });

  beforeAll(async () => {
    const { port, synapseUrl, synapseDb } = server;
    sshd = server.sshd;
    masDbUrl = server.masUrl;
    const now = Date.now();
    await withClient(synapseUrl, async (c) => {
      await c.query(`INSERT INTO users (name, password_hash, creation_ts, admin) VALUES
        ('@alice:example.org', '$2b$12$abcdefghijklmnopqrstuuJ1ZpHvC9hTgYDFk1p1cC3pVqmGZ2N2', ${Math.floor(now / 1000)}, 1),
        ('@bob:example.org', NULL, ${Math.floor(now / 1000)}, 0)`);
      await c.query(`INSERT INTO user_threepids VALUES ('@alice:example.org', 'email', 'alice@example.org', ${now}, ${now})`);
      await c.query(
        `INSERT INTO devices (user_id, device_id, display_name, last_seen, ip) VALUES ('@alice:example.org', 'PHONE', 'Phone', ${now}, '192.0.2.7')`,
      );
      await c.query(
        `INSERT INTO access_tokens (id, user_id, device_id, token, last_validated) VALUES (1, '@alice:example.org', 'PHONE', 'syt_alice_token', ${now})`,
      );
    });
    // homeserver.yaml lives on the SSH server and names the database as the server sees it.
    await writeFile(
      join(sshd.dir, 'homeserver.yaml'),
      `server_name: example.org\npublic_baseurl: https://matrix.example.org/\ndatabase:\n  name: psycopg2\n  args:\n    user: ${role}\n    password: ${dbPassword}\n    dbname: ${synapseDb}\n    host: 127.0.0.1\n    port: ${port}\n`,
    );
    dataDir = await tempDataDir();
    masConfigPath = join(dataDir, 'mas-config.yaml');
    ({ router, seen, call, ok } = recordingRouter(dataDir));
    const settings: ProfileSettingsInput = {
      name: 'Work',
      synapse: {
        configFiles: { location: 'ssh', paths: [join(sshd.dir, 'homeserver.yaml')] },
        database: { source: 'config' },
        ssh: {
          host: sshd.host,
          port: sshd.port,
          user: sshd.user,
          auth: 'key',
          keyFile: sshd.userKeyFile,
          useSshConfig: false,
          tunnelDatabase: true,
        },
      },
      mas: {
        configFiles: { location: 'local', paths: [] },
        database: { source: 'uri', uri: `${masDbUrl.replace('postgres:postgres@', `${role}@`)}?sslmode=disable` },
      },
    };
    await ok('vault.unlock', { passphrase });
    profileId = (await ok('profiles.create', { settings, secrets: { 'mas.database.password': dbPassword } })).id;
    const first = await ok('connections.test', { profileId, side: 'synapse' });
    const hostKey = first.steps.find((s) => s.hostKey)?.hostKey;
    await ok('connections.confirmHostKey', { profileId, ...hostKey! });
  });

  it('reads the Synapse config over SFTP, without its database password', async () => {
    const { synapse, mas } = await ok('config.read', { profileId });
    expect(synapse).toMatchObject({ serverName: 'example.org', database: { user: role, password: { set: true } } });
    expect(mas).toBeNull();
  });

  it('checks the configs alone until a MAS config exists, even when the profile already names its future path', async () => {
    const check = await ok('checks.run', { profileId });
    expect(check.databasesChecked).toBe(false);
    const profile = await ok('profiles.get', { id: profileId });
    const { id: _i, createdAt: _c, updatedAt: _u, secretsSet: _s, trustedHostKeys: _t, history: _h, ...settings } = profile;
    await ok('profiles.update', {
      id: profileId,
      settings: { ...settings, mas: { ...settings.mas, configFiles: { location: 'local', paths: [masConfigPath] } } },
    });
    expect((await ok('config.read', { profileId })).mas).toBeNull();
    expect((await ok('checks.run', { profileId })).databasesChecked).toBe(false);
    expect(await call('migration.run', { profileId, dryRun: true })).toMatchObject({
      ok: false,
      error: { code: 'mas-config-missing', message: expect.stringContaining('does not exist yet') },
    });
  });

  it("generates a MAS config and saves it as the profile's, then writes the homeserver section on the server", async () => {
    const draft = await ok('config.generate', { profileId });
    expect(draft.preview).toContain('homeserver: example.org');
    const saved = await ok('config.saveMas', { profileId, draftId: draft.draftId, path: masConfigPath });
    expect(saved.path).toBe(masConfigPath);
    expect((await ok('profiles.get', { id: profileId })).mas.configFiles.paths).toEqual([masConfigPath]);
    const written = await readFile(masConfigPath, 'utf8');
    const reopened = await ok('config.openMas', { profileId });
    expect(reopened).toMatchObject({ file: masConfigPath, preview: expect.stringContaining('homeserver: example.org') });
    const encryptionKey = /encryption: ([0-9a-f]{64})/.exec(written)?.[1];
    expect(encryptionKey).toMatch(/^[0-9a-f]{64}$/);
    expect(reopened.preview).not.toContain(encryptionKey);

    await mkdir(join(sshd.dir, 'conf.d'), { recursive: true });
    const sectionPath = join(sshd.dir, 'conf.d', 'mas.yaml');
    await ok('config.saveSynapseSection', { profileId, draftId: draft.draftId, path: sectionPath, endpoint: 'http://localhost:8080/' });
    const section = await readFile(sectionPath, 'utf8');
    expect(section).toContain('matrix_authentication_service:');
    const secret = /matrix:\n(?:.*\n)*?\s+secret: (\S+)/.exec(written)?.[1];
    expect(secret).toMatch(/^\S+$/);
    expect(section).toContain(secret!);
  });

  it('runs syn2mas check and a dry run from the command line with --profile, through the same tunnel', async () => {
    const passphraseFile = join(dataDir, 'passphrase');
    await writeFile(passphraseFile, `${passphrase}\n`);
    const profileArgs = ['--profile', 'Work', '--data-dir', dataDir, '--passphrase-file', passphraseFile];
    const check = await cli(['syn2mas', 'check', ...profileArgs, '--json']);
    expect(check.stderr).toBe('');
    expect([0, 11]).toContain(check.code);
    expect(JSON.parse(check.stdout).findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
    const dry = await cli(['syn2mas', 'migrate', ...profileArgs, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true });
    const clash = await cli(['syn2mas', 'check', ...profileArgs, '--config', masConfigPath]);
    expect(clash).toMatchObject({ code: 2, stderr: expect.stringContaining('--profile cannot be combined with --config') });
    expect(check.stdout + dry.stdout + dry.stderr).not.toContain(dbPassword);
  });

  it('checks both databases through the tunnel, dry-runs, migrates, and records each in the history', async () => {
    const check = await ok('checks.run', { profileId });
    expect(check.databasesChecked).toBe(true);
    expect(check.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(check.masState).toBe('fresh');

    const progress: unknown[] = [];
    const dry = await router.call('migration.run', { profileId, dryRun: true }, { emit: (e) => progress.push(e) });
    expect(dry).toMatchObject({ ok: true, output: { dryRun: true } });
    expect(progress.length).toBeGreaterThan(0);
    const real = await ok('migration.run', { profileId, dryRun: false });
    expect(real.dryRun).toBe(false);
    await withClient(masDbUrl, async (c) => {
      expect((await c.query('SELECT username, can_request_admin FROM users ORDER BY username')).rows).toEqual([
        { username: 'alice', can_request_admin: true },
        { username: 'bob', can_request_admin: false },
      ]);
      expect((await c.query('SELECT access_token FROM compat_access_tokens')).rows).toEqual([{ access_token: 'syt_alice_token' }]);
    });
    const kinds = (await ok('profiles.get', { id: profileId })).history.map((h) => `${h.kind}:${h.outcome}`);
    expect(kinds.slice(-3)).toEqual([expect.stringMatching(/^check:(ok|warnings)$/), 'dry-run:ok', 'migrate:ok']);
  });

  it('never sends a secret to the renderer', () => {
    expect(JSON.stringify(seen)).not.toContain(dbPassword);
  });
});
