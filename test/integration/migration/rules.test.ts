import { fixtureMasSchemaVersion } from '../../helpers/pg-clients';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMigration } from '../../../src-main/engine/run/run-migration';
import { ulidToUuid, uuidTimestampMs } from '../../../src-main/engine/mas/ulid-ids';
import type { MigrationReport } from '../../../src-shared/domain/report';
import { databaseWithSchema, withClient } from '../../helpers/databases';
import { decryptMasSecret } from '../../helpers/mas-secret';
import { catalogSnapshot } from './catalog';
import {
  encryptionKeyHex,
  giantUserAgent,
  googleProviderUlid,
  insertRuleRows,
  migratedPerStage,
  oidcProviderUlid,
  ruleSettings,
} from './rules-fixture';

/**
 * Every SPEC §5 rule on hand-written rows, asserted row by row after one real
 * migration: on a Synapse database created as Synapse asks (C collation: the
 * user merge's streams come in index order), and on one of the server's default
 * collation (they are sorted under "C").
 */
describe.each([
  ['C', { locale: 'C' }],
  ['the default collation', {}],
] as const)('migration of the hand-written rule rows (Synapse database in %s)', (_, options) => {
  let mas: string;
  let report: MigrationReport;
  let before: Awaited<ReturnType<typeof catalogSnapshot>>;
  let startMs: number;
  let endMs: number;
  let synapseBefore: unknown;
  let synapse: string;

  const q = async <T extends Record<string, unknown>>(sql: string): Promise<T[]> =>
    withClient(mas, async (c) => (await c.query<T>(sql)).rows);
  const ms = (col: string) => `(extract(epoch from ${col}) * 1000)::bigint::float8`;

  beforeAll(async () => {
    synapse = await databaseWithSchema('synapse', options);
    mas = await databaseWithSchema('mas');
    await withClient(synapse, insertRuleRows);
    synapseBefore = await withClient(
      synapse,
      async (c) =>
        (await c.query('SELECT (SELECT count(*) FROM users) u, (SELECT count(*) FROM access_tokens) a, (SELECT count(*) FROM devices) d'))
          .rows,
    );
    before = await withClient(mas, catalogSnapshot);
    startMs = Date.now();
    report = await runMigration(ruleSettings(synapse, mas));
    endMs = Date.now();
  });

  it('gives back every constraint and index, the real table names, and no restore tables', async () => {
    expect(await withClient(mas, catalogSnapshot)).toEqual(before);
    expect(before.tables).not.toContain('syn2mas_restore_constraints');
    expect(report.indexesRebuilt).toBeGreaterThan(10);
    expect(report.constraintsRebuilt).toBeGreaterThan(15);
  });

  it('never writes to Synapse', async () => {
    expect(
      await withClient(
        synapse,
        async (c) =>
          (await c.query('SELECT (SELECT count(*) FROM users) u, (SELECT count(*) FROM access_tokens) a, (SELECT count(*) FROM devices) d'))
            .rows,
      ),
    ).toEqual(synapseBefore);
  });

  it('users: localpart, created_at from seconds, earliest activity, admin, guest, locked and deactivated; no application-service users', async () => {
    const rows = await q<{
      username: string;
      created: number;
      locked: number | null;
      deactivated: number | null;
      can_request_admin: boolean;
      is_guest: boolean;
      user_id: string;
    }>(
      `SELECT username, ${ms('created_at')} AS created, ${ms('locked_at')} AS locked, ${ms('deactivated_at')} AS deactivated, can_request_admin, is_guest, user_id::text FROM users ORDER BY username`,
    );
    expect(rows.map((r) => r.username)).toEqual(['alice', 'bob', 'carol', 'dave', 'erin', 'guest1']);
    const by = Object.fromEntries(rows.map((r) => [r.username, r]));
    expect(by.alice).toMatchObject({ created: 1600000000000, locked: null, deactivated: null, can_request_admin: true, is_guest: false });
    expect(by.bob).toMatchObject({ created: 1600000100000, deactivated: 1600000100000, can_request_admin: false });
    // NULL creation_ts: the earliest activity (the e-mail added before the device was seen); locked_at follows created_at.
    expect(by.carol).toMatchObject({ created: 1500000000000, locked: 1500000000000 });
    // No activity at all: the migration start.
    expect(by.dave!.created).toBeGreaterThanOrEqual(startMs - 1);
    expect(by.dave!.created).toBeLessThanOrEqual(endMs);
    expect(by.guest1).toMatchObject({ is_guest: true });
    for (const r of rows) expect(uuidTimestampMs(r.user_id)).toBe(r.created);
    expect(report.usersWithoutCreationTime).toBe(2);
  });

  it('passwords: copied verbatim as version 1 at the user creation time, only for users with a hash', async () => {
    const rows = await q<{
      username: string;
      hashed_password: string;
      version: number;
      created: number;
      upgraded_from_id: string | null;
      id: string;
    }>(
      `SELECT u.username, p.hashed_password, p.version, ${ms('p.created_at')} AS created, p.upgraded_from_id, p.user_password_id::text AS id
       FROM user_passwords p JOIN users u USING (user_id) ORDER BY u.username`,
    );
    expect(rows.map((r) => [r.username, r.hashed_password, r.version])).toEqual([
      ['alice', '$2b$12$alicehashalicehashalicehashalicehashalicehashalice', 1],
      ['carol', '$2y$10$carolcarolcarolcarolcarolcarolcarolcarolcarolcar', 1],
      ['erin', '$argon2id$v=19$notbcrypt', 1],
    ]);
    expect(rows[0]).toMatchObject({ created: 1600000000000, upgraded_from_id: null });
    expect(uuidTimestampMs(rows[0]!.id)).toBe(1600000000000);
  });

  it('threepids: e-mails at added_at, other media into the unsupported table, none of application-service users', async () => {
    const emails = await q<{ username: string; email: string; created: number; id: string }>(
      `SELECT u.username, e.email, ${ms('e.created_at')} AS created, e.user_email_id::text AS id FROM user_emails e JOIN users u USING (user_id) ORDER BY e.email`,
    );
    expect(emails.map((e) => [e.username, e.email, e.created])).toEqual([
      ['alice', 'alice@example.org', 1600000001000],
      ['carol', 'carol@example.org', 1500000000000],
    ]);
    expect(uuidTimestampMs(emails[0]!.id)).toBe(1600000001000);
    const other = await q(
      `SELECT u.username, t.medium, t.address, ${ms('t.created_at')} AS created FROM user_unsupported_third_party_ids t JOIN users u USING (user_id)`,
    );
    expect(other).toEqual([{ username: 'alice', medium: 'msisdn', address: '15551234', created: 1600000002000 }]);
  });

  it('external IDs: links on the MAS provider with that synapse_idp_id at the user creation time; unmapped ones skipped', async () => {
    const links = await q(
      `SELECT u.username, l.upstream_oauth_provider_id::text AS provider, l.subject, ${ms('l.created_at')} AS created, l.human_account_name
       FROM upstream_oauth_links l JOIN users u USING (user_id) ORDER BY subject`,
    );
    expect(links).toEqual([
      { username: 'alice', provider: ulidToUuid(googleProviderUlid), subject: 'g-alice', created: 1600000000000, human_account_name: null },
      { username: 'carol', provider: ulidToUuid(oidcProviderUlid), subject: 'sub-carol', created: 1500000000000, human_account_name: null },
    ]);
    expect(report.entities.find((e) => e.stage === 'external-ids')!.skipped).toEqual({ 'provider-unmapped': 1, 'appservice-user': 1 });
  });

  it('provider rows: inserted from the MAS config with the client secret encrypted as MAS does', async () => {
    const rows = await q<{
      id: string;
      issuer: string;
      client_id: string;
      encrypted_client_secret: string | null;
      scope: string;
      token_endpoint_auth_method: string;
      claims_imports: unknown;
      human_name: string | null;
    }>(
      'SELECT upstream_oauth_provider_id::text AS id, issuer, client_id, encrypted_client_secret, scope, token_endpoint_auth_method, claims_imports, human_name FROM upstream_oauth_providers ORDER BY client_id',
    );
    expect(rows.map((r) => [r.id, r.client_id, r.scope, r.token_endpoint_auth_method, r.human_name])).toEqual([
      [ulidToUuid(googleProviderUlid), 'google-client', 'openid profile email', 'client_secret_basic', 'Google'],
      [ulidToUuid(oidcProviderUlid), 'mas', 'openid', 'none', null],
    ]);
    expect(rows[0]!.claims_imports).toEqual({});
    expect(rows[1]!.encrypted_client_secret).toBeNull();
    expect(decryptMasSecret(Buffer.from(encryptionKeyHex, 'hex'), rows[0]!.encrypted_client_secret!)).toBe('google-secret');
    expect(report.providersInserted).toEqual([googleProviderUlid, oidcProviderUlid]);
  });

  type Session = {
    username: string;
    device_id: string | null;
    created: number;
    last_active: number | null;
    ip: string | null;
    user_agent: string | null;
    human_name: string | null;
    is_synapse_admin: boolean;
    id: string;
    finished_at: null;
  };
  const sessions = () =>
    q<Session>(
      `SELECT u.username, s.device_id, ${ms('s.created_at')} AS created, ${ms('s.last_active_at')} AS last_active, host(s.last_active_ip) AS ip, s.user_agent, s.human_name,
         s.is_synapse_admin, s.compat_session_id::text AS id, s.finished_at FROM compat_sessions s JOIN users u USING (user_id) ORDER BY u.username, s.device_id NULLS LAST, s.created_at`,
    );

  it('devices: one session per visible device of an active user, created at its earliest migrated token, with IP, agent, name and admin flag', async () => {
    const rows = await sessions();
    const byDevice = Object.fromEntries(rows.filter((r) => r.device_id).map((r) => [r.device_id, r]));
    expect(Object.keys(byDevice).sort()).toEqual(['DEV_A1', 'DEV_A3', 'DEV_A4', 'DEV_A5', 'DEV_C1']);
    expect(byDevice.DEV_A1).toMatchObject({
      username: 'alice',
      created: 1600000300000,
      last_active: 1600000500000,
      ip: '192.168.1.10',
      user_agent: 'Element Android',
      human_name: 'Alice phone',
      is_synapse_admin: true,
      finished_at: null,
    });
    expect(byDevice.DEV_A3).toMatchObject({ ip: null, user_agent: giantUserAgent });
    expect(byDevice.DEV_A4).toMatchObject({ ip: null, last_active: null, human_name: null, user_agent: null });
    // Token 10's pair is superseded, so the session starts at token 11.
    expect(byDevice.DEV_A5).toMatchObject({ ip: '2001:db8::1', created: 1600000200000 });
    expect(byDevice.DEV_C1).toMatchObject({ username: 'carol', is_synapse_admin: false });
    for (const device of ['DEV_A3', 'DEV_A4', 'DEV_C1']) {
      expect(byDevice[device]!.created).toBeGreaterThanOrEqual(startMs - 1);
      expect(byDevice[device]!.created).toBeLessThanOrEqual(endMs);
    }
    for (const r of rows) expect(uuidTimestampMs(r.id)).toBe(r.created);
    expect(report.invalidIps).toBe(1);
    expect(report.entities.find((e) => e.stage === 'devices')!.skipped).toEqual({
      'device-hidden': 1,
      'user-deactivated': 1,
      'guest-user': 1,
      'appservice-user': 1,
    });
  });

  it('tokens without device get a session of their own that keeps the admin flag', async () => {
    const deviceless = (await sessions()).filter((r) => r.device_id === null);
    expect(deviceless.map((r) => [r.username, r.is_synapse_admin])).toEqual([
      ['alice', true],
      ['erin', true],
    ]);
    expect(deviceless[1]!.created).toBe(1600000800000);
    const tokens = await q(
      `SELECT t.access_token, s.device_id, u.username FROM compat_access_tokens t JOIN compat_sessions s USING (compat_session_id) JOIN users u USING (user_id) WHERE s.device_id IS NULL ORDER BY 1`,
    );
    expect(tokens).toEqual([
      { access_token: 'syt_4_deviceless', device_id: null, username: 'alice' },
      { access_token: 'syt_8_admin', device_id: null, username: 'erin' },
    ]);
  });

  it('access tokens: non-refreshable and refreshable pairs in their device session; puppets, unmigrated devices and superseded pairs skipped', async () => {
    const rows = await q<{ access_token: string; device_id: string | null; created: number; expires: number | null; id: string }>(
      `SELECT t.access_token, s.device_id, ${ms('t.created_at')} AS created, ${ms('t.expires_at')} AS expires, t.compat_access_token_id::text AS id
       FROM compat_access_tokens t JOIN compat_sessions s USING (compat_session_id) ORDER BY 1`,
    );
    expect(rows.map((r) => [r.access_token, r.device_id])).toEqual([
      ['syt_1', 'DEV_A1'],
      ['syt_11', 'DEV_A5'],
      ['syt_12', 'DEV_A5'],
      ['syt_13', 'DEV_A5'],
      ['syt_2', 'DEV_A1'],
      ['syt_4_deviceless', null],
      ['syt_8_admin', null],
    ]);
    const by = Object.fromEntries(rows.map((r) => [r.access_token, r]));
    expect(by.syt_1).toMatchObject({ created: 1600000400000, expires: 1700000000000 });
    expect(by.syt_11).toMatchObject({ created: 1600000200000, expires: 1800000000000 });
    expect(by.syt_13!.created).toBeGreaterThanOrEqual(startMs - 1);
    for (const r of rows) expect(uuidTimestampMs(r.id)).toBe(r.created);
    expect(report.entities.find((e) => e.stage === 'access-tokens')!.skipped).toEqual({
      'puppet-token': 1,
      'device-missing': 1,
      'device-hidden': 1,
      'user-deactivated': 1,
      'appservice-user': 1,
    });
  });

  it('refresh tokens: each points at its access token in the same session; superseded and tokenless ones skipped', async () => {
    const rows = await q(
      `SELECT r.refresh_token, a.access_token, r.compat_session_id = a.compat_session_id AS same_session, r.consumed_at, ${ms('r.created_at')} = ${ms('a.created_at')} AS same_time
       FROM compat_refresh_tokens r JOIN compat_access_tokens a USING (compat_access_token_id) ORDER BY 1`,
    );
    expect(rows).toEqual([
      { refresh_token: 'syr_101', access_token: 'syt_11', same_session: true, consumed_at: null, same_time: true },
      { refresh_token: 'syr_102', access_token: 'syt_12', same_session: true, consumed_at: null, same_time: true },
      { refresh_token: 'syr_103', access_token: 'syt_13', same_session: true, consumed_at: null, same_time: true },
    ]);
    expect(report.entities.find((e) => e.stage === 'refresh-pairs')!.skipped).toEqual({ 'successor-used': 1, 'no-access-token': 1 });
  });

  it('reports per entity what was migrated and skipped, and the rows written per table', () => {
    expect(report.entities.map((e) => [e.stage, e.migrated])).toEqual(migratedPerStage);
    expect(report.entities[0]!.skipped).toEqual({ 'appservice-user': 2 });
    expect(report.rowsWritten).toEqual({
      users: 6,
      user_passwords: 3,
      user_emails: 2,
      user_unsupported_third_party_ids: 1,
      upstream_oauth_links: 2,
      compat_access_tokens: 7,
      compat_sessions: 7,
      compat_refresh_tokens: 3,
      user_registration_tokens: 0,
    });
    expect(report).toMatchObject({ dryRun: false, resumed: false, serverName: 'example.org', masSchemaVersion: fixtureMasSchemaVersion() });
    expect(JSON.stringify(report)).not.toContain('google-secret');
  });
});
