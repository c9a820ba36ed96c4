import bcrypt from 'bcryptjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VerificationResult } from '../../../src-shared/domain/verification';
import { deployments, masListeners } from '../../fixtures/go-live-answers';
import { withClient } from '../../helpers/databases';
import { goLiveServers } from '../../helpers/go-live-server';
import { recordingRouter } from '../../helpers/ipc-recorder';
import { localProfileSettings, tempDataDir } from '../../helpers/profiles';
import { writeConfigFiles } from '../migration/config-files';
import { synapseAndMas } from '../migration/database-pair';
import { insertRuleRows } from '../migration/rules-fixture';
import { synapseSecrets } from '../verify/verify-fixture';

/** Alice's password, hashed as Synapse hashes it (NFKC, no pepper in this homeserver.yaml). */
const alicePassword = 'Ålice’s pässword, 72 bytes are plenty';
const wrongPassword = 'not alice password at all';
const token = 'mat_Pr3MigrationSessionToken_0123456789';

const count = (url: string, table: string) =>
  withClient(url, async (c) => Number((await c.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n));

/** Tables that differ, with their kinds: what the Report screen lists. */
const differing = (result: VerificationResult) =>
  result.tables.filter((t) => t.differences.length).map((t) => `${t.table}: ${t.differences.map((d) => d.kind).join(', ')}`);

/** The proving channels (SPEC §10) through the real router, as the renderer calls them; nothing secret comes back. */
describe('the verify, password and go-live channels', () => {
  let rec: ReturnType<typeof recordingRouter>;
  let profileId: string;
  let mas: string;
  let secrets: string[];

  beforeAll(async () => {
    const pair = await synapseAndMas(insertRuleRows);
    mas = pair.mas;
    const hash = bcrypt.hashSync(alicePassword.normalize('NFKC'), 4);
    await withClient(pair.synapse, (c) => c.query(`UPDATE users SET password_hash = $1 WHERE name = '@alice:example.org'`, [hash]));
    const files = await writeConfigFiles(pair.synapse, pair.mas);
    rec = recordingRouter(await tempDataDir());
    const settings = {
      ...localProfileSettings('Prove', [files.synapseConfig], [files.masConfig]),
      options: { ignoreMissingAuthProviders: true, writerConnections: 2 },
    };
    profileId = (await rec.ok('profiles.create', { settings })).id;
    secrets = await synapseSecrets(pair.synapse);
  });

  /** No reply or event carried a password, hash, token or config secret. */
  function expectNothingSecretSeen() {
    const seen = JSON.stringify(rec.seen);
    for (const secret of [alicePassword, wrongPassword, token, ...secrets, 'google-secret', 'matrix-secret'])
      expect(seen.includes(secret), `"${secret.slice(0, 12)}…" came back`).toBe(false);
  }

  it('checks.password accepts the right password, rejects a wrong one with the settings used, and refuses bad input', async () => {
    const right = await rec.ok('checks.password', { profileId, userId: '@alice:example.org', password: alicePassword });
    expect(right).toMatchObject({ userId: '@alice:example.org', accepted: true, misconfigured: [] });
    expect(right.settings).toEqual({ secretSet: false, unicodeNormalization: true, source: expect.stringContaining('mas.yaml') });
    const wrong = await rec.ok('checks.password', { profileId, userId: '@alice:example.org', password: wrongPassword });
    expect(wrong).toMatchObject({ accepted: false, reason: 'mismatch', misconfigured: [] });
    expect(await rec.ok('checks.password', { profileId, userId: '@bob:example.org', password: wrongPassword })).toMatchObject({
      accepted: false,
      reason: 'no-password',
      accountState: 'deactivated',
    });

    expect(await rec.call('checks.password', { profileId, userId: '@nobody:example.org', password: alicePassword })).toMatchObject({
      ok: false,
      error: { code: 'no-such-user', message: 'Synapse has no user @nobody:example.org.' },
    });
    expect(await rec.call('checks.password', { profileId, userId: '@alice:elsewhere.org', password: alicePassword })).toMatchObject({
      ok: false,
      error: { code: 'usage' },
    });
    for (const password of ['', `${alicePassword}${'x'.repeat(1024)}`])
      expect(await rec.call('checks.password', { profileId, userId: '@alice:example.org', password })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', message: expect.stringContaining('password') },
      });
    expect(await rec.call('checks.password', { profileId, userId: '@alice:example.org', password: alicePassword, echo: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expectNothingSecretSeen();
  });

  it('migration.verify says what an empty MAS lacks; a dry run with verify proves its own rows; after the real run MAS matches', async () => {
    const before = await rec.ok('migration.verify', { profileId });
    expect(before.outcome).toBe('differs');
    expect(differing(before)).toContain('users: missing');
    expect((await rec.ok('profiles.get', { id: profileId })).history.at(-1)).toMatchObject({ kind: 'verify', outcome: 'errors' });

    const rehearsal = await rec.ok('migration.run', { profileId, dryRun: true, verify: true });
    expect(rehearsal.verification).toMatchObject({ outcome: 'match', migrationStart: { source: 'run' } });
    expect(rehearsal.verification!.tables).toHaveLength(9);
    expect(await count(mas, 'users')).toBe(0);
    expect((await rec.ok('migration.run', { profileId, dryRun: true })).verification).toBeUndefined();

    const real = await rec.ok('migration.run', { profileId, dryRun: false });
    expect(real.verification).toBeUndefined();
    expect(await count(mas, 'users')).toBe(6);
    const after = await rec.ok('migration.verify', { profileId });
    expect([after.outcome, differing(after)]).toEqual(['match', []]);
    expect(after.tables.find((t) => t.table === 'users')).toMatchObject({ expected: 6, found: 6, matching: 6 });
    expect((await rec.ok('profiles.get', { id: profileId })).history.at(-1)).toMatchObject({
      kind: 'verify',
      outcome: 'ok',
      summary: 'MAS matches Synapse in all 9 tables',
    });
    expectNothingSecretSeen();
  });

  it('migration.verify stops when the caller cancels', async () => {
    const outcome = await rec.router.call('migration.verify', { profileId }, { signal: AbortSignal.abort() });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  describe('golive.check', () => {
    const serve = goLiveServers();

    it('passes every step of a correct deployment, sending the token to whoami only', async () => {
      const hs = await serve(deployments.correct);
      const masHealth = await serve(masListeners.withHealth);
      const steps = await rec.ok('golive.check', { homeserver: hs.url, mas: masHealth.url, accessToken: ` ${token}\n` });
      expect(steps.map((s) => [s.id, s.verdict])).toEqual([
        ['client-api', 'pass'],
        ['auth-metadata', 'pass'],
        ['login-routing', 'pass'],
        ['mas-health', 'pass'],
        ['session', 'pass'],
      ]);
      expect(hs.seen.filter((s) => s.authorization)).toEqual([
        { path: '/_matrix/client/v3/account/whoami', authorization: `Bearer ${token}` },
      ]);
      expect(masHealth.seen.map((s) => s.authorization)).toEqual([undefined]);
      expectNothingSecretSeen();
    });

    it('names the failing step and its likely cause, and skips MAS health without its URL', async () => {
      const steps = await rec.ok('golive.check', { homeserver: (await serve(deployments.tokenUnknown)).url, accessToken: token });
      expect(steps.find((s) => s.id === 'mas-health')?.verdict).toBe('skipped');
      expect(steps.find((s) => s.id === 'session')).toMatchObject({
        verdict: 'fail',
        detail: 'HTTP 401 (M_UNKNOWN_TOKEN): the homeserver does not accept the token',
        likelyCause: expect.stringContaining('Synapse and MAS do not share the secret'),
      });
      expectNothingSecretSeen();
    });

    it('refuses URLs that are not plain http(s) and tokens no server would take, without echoing them, before asking anything', async () => {
      const hs = await serve(deployments.correct);
      const bad = [
        { homeserver: 'ftp://example.org', accessToken: token },
        { homeserver: 'http://admin:hunter2@127.0.0.1/', accessToken: token },
        { homeserver: hs.url, mas: 'not a url', accessToken: token },
        { homeserver: hs.url, accessToken: `${token} ünïcode` },
        { homeserver: hs.url, accessToken: '   ' },
      ];
      for (const input of bad) expect(await rec.call('golive.check', input)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      expect(JSON.stringify(rec.seen)).not.toContain('hunter2');
      expect(JSON.stringify(rec.seen)).not.toContain('ünïcode');
      expect(hs.seen).toEqual([]);
      expectNothingSecretSeen();
    });
  });
});
