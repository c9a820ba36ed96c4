import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { checkDatabases } from '../../../src-main/engine/run/database-checks';
import { runMigration } from '../../../src-main/engine/run/run-migration';
import { verifyMigration } from '../../../src-main/engine/verify/verify-migration';
import { ChecksFailedError } from '../../../src-shared/domain/checks-failed';
import type { MigrationProgress } from '../../../src-shared/domain/progress';
import type { MigrationReport } from '../../../src-shared/domain/report';
import type { VerificationResult } from '../../../src-shared/domain/verification';
import { withClient } from '../../helpers/databases';
import { generateSynapseData } from '../../fixtures/synapse-data';
import { catalogSnapshot } from './catalog';
import { synapseAndMas } from './database-pair';
import { insertRuleRows, ruleSettings, serverName } from './rules-fixture';
import { failure } from '../../helpers/failure';

/**
 * SPEC §13: Synapse's registration tokens → MAS's user_registration_tokens,
 * in MAS's real schema (../shared/reference), through every part of the
 * protocol: checks, pause and restore, dry run, resume, verify.
 */

/** Every kind of token Synapse has. */
const tokens = [
  { token: 'unlimited', uses: null, pending: 0, completed: 12, expiry: null },
  { token: 'limited-left', uses: 10, pending: 0, completed: 3, expiry: 4102444800000 },
  { token: 'exhausted', uses: 5, pending: 0, completed: 5, expiry: null },
  { token: 'expired', uses: null, pending: 0, completed: 1, expiry: 1600000000000 },
  { token: 'pending', uses: 3, pending: 2, completed: 1, expiry: null },
  // Synapse takes any token text; a "never expires" sentinel beyond what PostgreSQL's timestamps hold.
  { token: 'tab\there\\N ünï🎟', uses: 1, pending: 0, completed: 0, expiry: 9223372036854775807n },
] as const;
const expectedRows = tokens
  .map((t) => ({
    token: t.token,
    usage_limit: t.uses,
    times_used: t.completed,
    expires_ms: typeof t.expiry === 'number' ? t.expiry : null,
    last_used_at: null,
    revoked_at: null,
  }))
  .sort((a, b) => Buffer.compare(Buffer.from(a.token), Buffer.from(b.token)));

async function insertTokens(client: pg.Client): Promise<void> {
  for (const t of tokens) {
    await client.query(
      'INSERT INTO registration_tokens (token, uses_allowed, pending, completed, expiry_time) VALUES ($1, $2, $3, $4, $5)',
      [t.token, t.uses, t.pending, t.completed, t.expiry === null ? null : String(t.expiry)],
    );
  }
}

const withTokens = async (c: pg.Client) => {
  await insertRuleRows(c);
  await insertTokens(c);
};

interface MasToken {
  token: string;
  usage_limit: number | null;
  times_used: number;
  expires_ms: number | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  created_ms: number;
  id_ms: number;
}

/** MAS's rows in byte order of the token, times in milliseconds, the id's ULID time beside created_at. */
const masTokens = (mas: string) =>
  withClient(
    mas,
    async (c) =>
      (
        await c.query<MasToken>(
          `SELECT token, usage_limit, times_used, (extract(epoch FROM expires_at) * 1000)::float8 AS expires_ms, last_used_at, revoked_at,
           (extract(epoch FROM created_at) * 1000)::float8 AS created_ms,
           ('x' || left(replace(user_registration_token_id::text, '-', ''), 12))::bit(48)::bigint::float8 AS id_ms
         FROM user_registration_tokens ORDER BY token COLLATE "C"`,
        )
      ).rows,
  );

const count = (url: string, table: string) =>
  withClient(url, async (c) => Number((await c.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n));

const tokenEntity = (report: MigrationReport) => report.entities.find((e) => e.stage === 'registration-tokens');

/** Asserts the §13 values of every row: the token's own, and created_at (and the id's time) = the migration start. */
async function expectMigratedTokens(mas: string, report: MigrationReport) {
  const rows = await masTokens(mas);
  expect(rows.map(({ created_ms: _c, id_ms: _i, ...rest }) => rest)).toEqual(expectedRows);
  const start = Date.parse(report.startedAt);
  for (const row of rows) {
    expect(row.created_ms).toBe(start);
    expect(row.id_ms).toBe(start);
  }
}

describe('registration tokens (SPEC §13)', () => {
  it('the checks count them and warn of pending registrations; a real run migrates every kind with the values of §13', async () => {
    const { synapse, mas } = await synapseAndMas(withTokens);
    const catalog = await withClient(mas, catalogSnapshot);
    const settings = ruleSettings(synapse, mas);

    const { findings } = await checkDatabases(settings);
    // Usable: unlimited, limited-left, pending (1 of 3 used) and the odd one; used up or expired: exhausted, expired.
    expect(findings.find((f) => f.id === 'registration-tokens')).toMatchObject({
      severity: 'info',
      count: 6,
      message: "6 registration tokens in Synapse: 4 still usable, 2 used up or expired; all move to MAS's user_registration_tokens.",
    });
    expect(findings.find((f) => f.id === 'registration-tokens-pending')).toMatchObject({
      severity: 'warning',
      count: 2,
      message:
        '2 registrations are pending on 1 registration token; they cannot finish after the cutover (MAS counts only completed uses).',
    });

    const stages: string[] = [];
    const report = await runMigration(settings, {
      onProgress: (p: MigrationProgress) => {
        for (const s of p.stages) if (s.kind === 'entity' && !stages.includes(s.label)) stages.push(s.label);
      },
    });
    expect(stages).toContain('Registration tokens');
    expect(tokenEntity(report)).toEqual({ stage: 'registration-tokens', label: 'Registration tokens', migrated: 6, skipped: {} });
    expect(report.rowsWritten.user_registration_tokens).toBe(6);
    await expectMigratedTokens(mas, report);
    // Paused and restored with the rest: its keys and indexes, and user_registrations' foreign key into it.
    expect(await withClient(mas, catalogSnapshot)).toEqual(catalog);
    expect(catalog.constraints).toContain(
      'user_registrations user_registrations_user_registration_token_id_fkey FOREIGN KEY (user_registration_token_id) REFERENCES user_registration_tokens(user_registration_token_id) ON DELETE SET NULL',
    );

    const verified = await verifyMigration(settings);
    expect(verified.outcome).toBe('match');
    expect(verified.tables.find((t) => t.table === 'user_registration_tokens')).toEqual({
      table: 'user_registration_tokens',
      expected: 6,
      found: 6,
      matching: 6,
      differences: [],
    });
  });

  it('a tampered token is found by verify, named by no user and never shown', async () => {
    const { synapse, mas } = await synapseAndMas(withTokens);
    const settings = ruleSettings(synapse, mas);
    await runMigration(settings);
    await withClient(mas, (c) =>
      c.query(
        `UPDATE user_registration_tokens SET times_used = times_used + 1 WHERE token = 'limited-left';
         UPDATE user_registration_tokens SET expires_at = now(), revoked_at = now() WHERE token = 'unlimited';
         DELETE FROM user_registration_tokens WHERE token = 'exhausted';
         INSERT INTO user_registration_tokens (user_registration_token_id, token, created_at) VALUES (gen_random_uuid(), 'forged', now());`,
      ),
    );
    const result: VerificationResult = await verifyMigration(settings);
    expect(result.outcome).toBe('differs');
    const table = result.tables.find((t) => t.table === 'user_registration_tokens')!;
    expect({ expected: table.expected, found: table.found, matching: table.matching }).toEqual({ expected: 6, found: 6, matching: 3 });
    const noUser = [{ userId: null, deviceId: null }];
    expect(table.differences).toEqual([
      { kind: 'missing', count: 1, examples: noUser },
      { kind: 'unexpected', count: 1, examples: noUser },
      { kind: 'field', field: 'times_used', count: 1, examples: noUser },
      { kind: 'field', field: 'expires_at', count: 1, examples: noUser },
      { kind: 'field', field: 'revoked_at', count: 1, examples: noUser },
    ]);
    for (const t of [...tokens.map((x) => x.token), 'forged']) expect(JSON.stringify(result)).not.toContain(t);
    expect(result.tables.filter((t) => t.table !== 'user_registration_tokens').every((t) => t.differences.length === 0)).toBe(true);
  });

  it('a dry run writes them (and verifies them) and leaves the table empty', async () => {
    const { synapse, mas } = await synapseAndMas(withTokens);
    const catalog = await withClient(mas, catalogSnapshot);
    const report = await runMigration(ruleSettings(synapse, mas, { dryRun: true }), { verify: true });
    expect(report.rowsWritten.user_registration_tokens).toBe(6);
    expect(report.verification?.tables.find((t) => t.table === 'user_registration_tokens')).toMatchObject({ expected: 6, matching: 6 });
    expect(report.verification?.outcome).toBe('match');
    expect(await count(mas, 'user_registration_tokens')).toBe(0);
    expect(await withClient(mas, catalogSnapshot)).toEqual(catalog);
  });

  it('a MAS table that already holds a token stops the run (mas-not-empty names it)', async () => {
    const { synapse, mas } = await synapseAndMas(withTokens);
    await withClient(mas, (c) =>
      c.query(
        "INSERT INTO user_registration_tokens (user_registration_token_id, token, created_at) VALUES (gen_random_uuid(), 'mine', now())",
      ),
    );
    const error = await failure(runMigration(ruleSettings(synapse, mas)));
    expect(error).toBeInstanceOf(ChecksFailedError);
    const finding = (error as ChecksFailedError).findings.find((f) => f.id === 'mas-not-empty')!;
    expect(finding.source).toBe('user_registration_tokens');
  });

  it('an interrupted run is resumable with the table paused (its foreign keys saved); the resumed run gives the same rows', async () => {
    const { synapse, mas } = await synapseAndMas(async (c) => {
      await generateSynapseData(c, { serverName, users: 300 });
      await insertTokens(c);
    });
    const catalog = await withClient(mas, catalogSnapshot);
    const settings = ruleSettings(synapse, mas);
    const controller = new AbortController();
    let fired = false;
    const error = await failure(
      runMigration(settings, {
        signal: controller.signal,
        onProgress: (p) => {
          if (!fired && p.stages.some((s) => s.kind === 'entity' && s.status === 'running')) {
            fired = true;
            controller.abort();
          }
        },
      }),
    );
    expect(error.code).toBe('cancelled');
    const paused = await withClient(mas, async (c) => ({
      tables: (await catalogSnapshot(c)).tables,
      saved: (await c.query<{ name: string }>('SELECT name FROM syn2mas_restore_constraints ORDER BY name')).rows.map((r) => r.name),
    }));
    expect(paused.tables).toContain('syn2mas__user_registration_tokens');
    expect(paused.tables).not.toContain('user_registration_tokens');
    expect(paused.saved).toEqual(
      expect.arrayContaining([
        'user_registration_tokens_pkey',
        'user_registration_tokens_token_key',
        'user_registrations_user_registration_token_id_fkey',
      ]),
    );
    // What a run that died after its writers committed leaves behind: the resume must empty it.
    await withClient(mas, (c) =>
      c.query(
        "INSERT INTO syn2mas__user_registration_tokens (user_registration_token_id, token, created_at) VALUES (gen_random_uuid(), 'half-written', now())",
      ),
    );

    const report = await runMigration(settings);
    expect(report.resumed).toBe(true);
    expect(await withClient(mas, catalogSnapshot)).toEqual(catalog);
    const rows = await masTokens(mas);
    const generated = await withClient(synapse, async (c) =>
      Number((await c.query('SELECT count(*) AS n FROM registration_tokens')).rows[0].n),
    );
    expect(rows).toHaveLength(generated);
    expect(rows.map((r) => r.token)).not.toContain('half-written');
    expect(rows.filter((r) => tokens.some((t) => t.token === r.token)).map(({ created_ms: _c, id_ms: _i, ...rest }) => rest)).toEqual(
      expectedRows,
    );
    expect((await verifyMigration(settings)).outcome).toBe('match');
  });

  it('an older MAS without user_registration_tokens: a notice, the tokens are left out, the rest migrates and verifies', async () => {
    const { synapse, mas } = await synapseAndMas(withTokens);
    await withClient(mas, (c) => c.query('DROP TABLE user_registration_tokens CASCADE'));
    const catalog = await withClient(mas, catalogSnapshot);
    const settings = ruleSettings(synapse, mas);

    const { findings } = await checkDatabases(settings);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const notice = findings.find((f) => f.id === 'mas-registration-tokens-missing');
    expect(notice).toMatchObject({ severity: 'info', source: 'user_registration_tokens' });
    expect(notice!.message).toContain("Synapse's registration tokens are not migrated");

    const dry = await runMigration({ ...settings, dryRun: true });
    expect(await withClient(mas, catalogSnapshot)).toEqual(catalog);
    expect(tokenEntity(dry)).toBeUndefined();
    const report = await runMigration(settings);
    expect(report.findings.map((f) => f.id)).toContain('mas-registration-tokens-missing');
    expect(tokenEntity(report)).toBeUndefined();
    expect(Object.keys(report.rowsWritten)).not.toContain('user_registration_tokens');
    expect(report.rowsWritten.users).toBe(6);
    expect(await count(mas, 'users')).toBe(6);
    expect(await withClient(mas, catalogSnapshot)).toEqual(catalog);
    const verified = await verifyMigration(settings);
    expect(verified.outcome).toBe('match');
    expect(verified.tables.map((t) => t.table)).not.toContain('user_registration_tokens');
    expect(verified.tables).toHaveLength(8);
  });

  it('an older Synapse without registration_tokens: a notice, nothing to migrate, MAS must hold none', async () => {
    const { synapse, mas } = await synapseAndMas(async (c) => {
      await insertRuleRows(c);
      await c.query('DROP TABLE registration_tokens');
    });
    const settings = ruleSettings(synapse, mas);
    const { findings } = await checkDatabases(settings);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.find((f) => f.id === 'synapse-registration-tokens-missing')).toMatchObject({
      severity: 'info',
      source: 'registration_tokens',
    });
    expect(findings.map((f) => f.id)).not.toContain('registration-tokens');

    const report = await runMigration(settings);
    expect(report.findings.map((f) => f.id)).toContain('synapse-registration-tokens-missing');
    expect(tokenEntity(report)).toMatchObject({ migrated: 0 });
    expect(report.rowsWritten.user_registration_tokens).toBe(0);
    expect(report.rowsWritten.users).toBe(6);
    expect((await verifyMigration(settings)).outcome).toBe('match');
    await withClient(mas, (c) =>
      c.query(
        "INSERT INTO user_registration_tokens (user_registration_token_id, token, created_at) VALUES (gen_random_uuid(), 'stray', now())",
      ),
    );
    const stray = await verifyMigration(settings);
    expect(stray.tables.find((t) => t.table === 'user_registration_tokens')).toMatchObject({ expected: 0, found: 1 });
  });
});
