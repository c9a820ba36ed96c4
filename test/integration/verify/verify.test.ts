import { describe, expect, it } from 'vitest';
import { runMigration } from '../../../src-main/engine/run/run-migration';
import type { VerificationResult } from '../../../src-shared/domain/verification';
import { compareSessions } from '../../../src-main/engine/verify/compare-sessions';
import { MigrationStart } from '../../../src-main/engine/verify/migration-start';
import { withClient } from '../../helpers/databases';
import { generateSynapseData } from '../../fixtures/synapse-data';
import { insertRuleRows, ruleSettings, serverName } from '../migration/rules-fixture';
import { cli, expectNoSecrets, synapseSecrets, verifySetup } from './verify-fixture';

/** The differences of a JSON result, flattened: table, kind, field and the users named. */
function differences(result: VerificationResult) {
  return result.tables.flatMap((t) =>
    t.differences.map((d) => ({
      table: t.table,
      kind: d.kind,
      ...(d.field ? { field: d.field } : {}),
      count: d.count,
      examples: d.examples.map((e) => [e.userId, e.deviceId].filter(Boolean).join(' ')),
    })),
  );
}

const mas = (url: string, sql: string) => withClient(url, (c) => c.query(sql));
const sessionOf = (user: string, device: string) =>
  `(SELECT s.compat_session_id FROM compat_sessions s JOIN users u USING (user_id) WHERE u.username = '${user}' AND s.device_id = '${device}')`;
const userOf = (user: string) => `(SELECT user_id FROM users WHERE username = '${user}')`;

describe("syn2mas verify on a generated homeserver, in MAS's real schema", () => {
  it('exits 0 after a real migration; after three changes in MAS it exits 12 and names those three users', async () => {
    const { synapse, mas: masUrl, args } = await verifySetup((c) => generateSynapseData(c, { serverName, users: 600 }));
    await runMigration(ruleSettings(synapse, masUrl, { writers: 2 }));
    const secrets = await synapseSecrets(synapse);

    const clean = await cli('syn2mas', 'verify', ...args);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/^Verification of example\.org: MAS holds exactly what Synapse says it must \(\d+ rows in 9 tables/);
    expect(clean.stdout).toMatch(/^ {2}compat_access_tokens +(\d+) expected, \1 found, \1 matching$/m);
    expectNoSecrets(clean.stdout + clean.stderr, secrets);

    await mas(
      masUrl,
      `DELETE FROM compat_access_tokens WHERE compat_session_id = ${sessionOf('user20', 'DEV20_1')};
       UPDATE compat_sessions SET is_synapse_admin = NOT is_synapse_admin WHERE compat_session_id = ${sessionOf('user30', 'DEV30_2')};
       UPDATE user_emails SET email = 'changed@example.org' WHERE user_id = ${userOf('user41')};`,
    );
    const changed = await cli('syn2mas', 'verify', ...args, '--json');
    expect(changed.code).toBe(12);
    const result = JSON.parse(changed.stdout) as VerificationResult & { exitCode: number };
    expect(result).toMatchObject({ exitCode: 12, outcome: 'differs', serverName });
    expect(differences(result)).toEqual([
      { table: 'user_emails', kind: 'missing', count: 1, examples: ['@user41:example.org'] },
      { table: 'user_emails', kind: 'unexpected', count: 1, examples: ['@user41:example.org'] },
      { table: 'compat_sessions', kind: 'field', field: 'is_synapse_admin', count: 1, examples: ['@user30:example.org DEV30_2'] },
      { table: 'compat_access_tokens', kind: 'missing', count: 1, examples: ['@user20:example.org DEV20_1'] },
    ]);
    const tokens = result.tables.find((t) => t.table === 'compat_access_tokens')!;
    expect(tokens.found).toBe(tokens.expected - 1);
    expect(tokens.matching).toBe(tokens.found);
    const human = await cli('syn2mas', 'verify', ...args);
    expect(human.code).toBe(12);
    expect(human.stdout).toContain('MAS differs from what Synapse says it must hold.');
    expect(human.stdout).toContain('      1 row differs in is_synapse_admin: @user30:example.org DEV30_2');
    expect(human.stdout).toContain('      1 row missing in MAS: @user20:example.org DEV20_1');
    expectNoSecrets(changed.stdout + changed.stderr + human.stdout + human.stderr, secrets);
  });
});

/**
 * A bot that logs in without a device ID gets a device per login: verify
 * compares the session side one device (or one device-less token) at a time
 * (session-groups.ts), so such a user is compared like many small ones.
 */
async function insertBot(client: import('pg').Client): Promise<void> {
  await generateSynapseData(client, { serverName, users: 50 });
  await client.query(`
    INSERT INTO users (name, password_hash, creation_ts, admin) VALUES ('@bot:example.org', NULL, 1600000000, 1);
    INSERT INTO devices (user_id, device_id, display_name, last_seen, ip, user_agent)
      SELECT '@bot:example.org', 'BOT' || i, 'bot', 1600000000000 + i, '10.0.0.1', 'bot/1.0' FROM generate_series(1, 3000) AS i;
    INSERT INTO access_tokens (id, user_id, device_id, token, last_validated)
      SELECT 900000 + i, '@bot:example.org', CASE WHEN i <= 3000 THEN 'BOT' || i END, 'syt_bot_' || i, 1600000001000 + i
      FROM generate_series(1, 3200) AS i;`);
}

describe('syn2mas verify on a user with thousands of devices', () => {
  it('matches after a real migration, and names the device or the device-less token that differs', async () => {
    const { synapse, mas: masUrl, args } = await verifySetup(insertBot);
    await runMigration(ruleSettings(synapse, masUrl, { writers: 2 }));
    const clean = await cli('syn2mas', 'verify', ...args);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/^ {2}compat_sessions +(\d+) expected, \1 found, \1 matching$/m);

    await mas(
      masUrl,
      `UPDATE compat_sessions SET human_name = 'renamed' WHERE compat_session_id = ${sessionOf('bot', 'BOT1500')};
       DELETE FROM compat_access_tokens WHERE access_token = 'syt_bot_3100';
       DELETE FROM compat_sessions s WHERE s.device_id IS NULL AND NOT EXISTS (SELECT 1 FROM compat_access_tokens t WHERE t.compat_session_id = s.compat_session_id);`,
    );
    const changed = await cli('syn2mas', 'verify', ...args, '--json');
    expect(changed.code).toBe(12);
    const named = differences(JSON.parse(changed.stdout) as VerificationResult).map(({ table, kind, field, count, examples }) => [
      table,
      field ?? kind,
      count,
      examples.join(', '),
    ]);
    expect(named).toEqual([
      ['compat_sessions', 'missing', 1, '@bot:example.org'],
      ['compat_sessions', 'human_name', 1, '@bot:example.org BOT1500'],
      ['compat_access_tokens', 'missing', 1, '@bot:example.org'],
    ]);
  });
});

/** Text COPY escapes and characters whose UTF-16 order is not PostgreSQL's, in the natural keys the merge sorts by. */
const oddKeys = ['A\tB', 'AB', 'A\\B', 'A\uE000', 'A😀', 'a', 'A\nB', 'A', 'A\\N'];

async function insertOddKeys(client: import('pg').Client): Promise<void> {
  const lit = (s: string) => client.escapeLiteral(s);
  await client.query(`INSERT INTO users (name, password_hash, creation_ts) VALUES ('@odd:example.org', '$2b$04$odd', 1600000000)`);
  for (const [i, key] of oddKeys.entries()) {
    await client.query(
      `INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES ('@odd:example.org', 'email', ${lit(`${key}@x`)}, 1, ${1600000001000 + i});
       INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES ('oidc', ${lit(key)}, '@odd:example.org');
       INSERT INTO devices (user_id, device_id, display_name, last_seen, ip, user_agent) VALUES ('@odd:example.org', ${lit(key)}, ${lit(key)}, 1600000003000, '2001:DB8::${i}', ${lit(key)});
       INSERT INTO access_tokens (id, user_id, device_id, token, last_validated) VALUES (${500 + i}, '@odd:example.org', ${lit(key)}, ${lit(`syt_odd_${i}_${key}`)}, ${1600000004000 + i});`,
    );
  }
}

describe('syn2mas verify on the hand-written rule rows', () => {
  it('matches after a real migration, odd keys included, with the inferred migration start', async () => {
    const {
      synapse,
      mas: masUrl,
      args,
    } = await verifySetup(async (c) => {
      await insertRuleRows(c);
      await insertOddKeys(c);
    });
    const before = Date.now();
    await runMigration(ruleSettings(synapse, masUrl));
    const run = await cli('syn2mas', 'verify', ...args, '--ignore-missing-auth-providers', '--json');
    expect(run.code, run.stdout).toBe(0);
    const result = JSON.parse(run.stdout) as VerificationResult;
    // dave has no creation time and no activity: his rows got the migration start.
    expect(result.migrationStart?.source).toBe('inferred');
    expect(Date.parse(result.migrationStart!.at)).toBeGreaterThanOrEqual(before);
    for (const table of result.tables) expect(table.matching, table.table).toBe(table.expected);
    expect(result.tables.find((t) => t.table === 'compat_sessions')!.expected).toBeGreaterThan(oddKeys.length);
    expectNoSecrets(run.stdout + run.stderr, await synapseSecrets(synapse));
    // The digests agreed; the row-by-row comparison, which prints Synapse's side as COPY prints MAS's, must agree too.
    const rowByRow = await withClient(synapse, (s) =>
      withClient(masUrl, (m) =>
        compareSessions(
          { synapse: s, mas: m },
          s.escapeLiteral(`:${serverName}`),
          { serverName, providers: new Map(), start: new MigrationStart('inferred') },
          () => {},
        ),
      ),
    );
    expect(rowByRow.map((t) => [t.table, t.matching, t.differences.length])).toEqual(
      result.tables.filter((t) => t.table.startsWith('compat_')).map((t) => [t.table, t.expected, 0]),
    );
  });

  it('names each kind of difference: missing, unexpected, and each field that differs', async () => {
    const { synapse, mas: masUrl, args } = await verifySetup(insertRuleRows);
    await runMigration(ruleSettings(synapse, masUrl));
    const alice = userOf('alice');
    const dave = userOf('dave');
    await mas(
      masUrl,
      `UPDATE users SET created_at = created_at + interval '1 second' WHERE username = 'carol';
       UPDATE users SET locked_at = created_at, can_request_admin = true WHERE username = 'dave';
       UPDATE users SET deactivated_at = now() WHERE username = 'erin';
       INSERT INTO users (user_id, username, created_at) VALUES ('01890000-0000-7000-8000-000000000001', 'mallory', now());
       UPDATE user_passwords SET hashed_password = hashed_password || 'x', version = 2 WHERE user_id = ${alice};
       UPDATE user_passwords SET created_at = created_at - interval '1 day' WHERE user_id = (SELECT user_id FROM users WHERE username = 'carol');
       DELETE FROM user_unsupported_third_party_ids WHERE user_id = ${alice};
       UPDATE upstream_oauth_links SET user_id = ${dave} WHERE subject = 'g-alice';
       UPDATE compat_sessions SET last_active_ip = '10.9.9.9', user_agent = 'changed', human_name = NULL, finished_at = now()
         WHERE compat_session_id = ${sessionOf('alice', 'DEV_A1')};
       UPDATE compat_sessions SET created_at = created_at + interval '1 ms' WHERE compat_session_id = ${sessionOf('carol', 'DEV_C1')};
       UPDATE compat_access_tokens SET expires_at = now() WHERE access_token = 'syt_1';
       UPDATE compat_access_tokens SET compat_session_id = ${sessionOf('alice', 'DEV_A3')} WHERE access_token = 'syt_2';
       UPDATE compat_refresh_tokens SET consumed_at = now() WHERE refresh_token = 'syr_102';
       UPDATE compat_refresh_tokens SET compat_refresh_token_id = '00000000-0000-7000-8000-000000000002' WHERE refresh_token = 'syr_101';`,
    );
    const run = await cli('syn2mas', 'verify', ...args, '--json');
    expect(run.code).toBe(12);
    const result = JSON.parse(run.stdout) as VerificationResult;
    const named = differences(result).map(({ table, kind, field, examples }) => [table, field ?? kind, examples.join(', ')]);
    expect(named).toEqual([
      ['users', 'unexpected', '@mallory:example.org'],
      ['users', 'created_at', '@carol:example.org'],
      ['users', 'locked_at', '@dave:example.org'],
      ['users', 'deactivated_at', '@erin:example.org'],
      ['users', 'can_request_admin', '@dave:example.org'],
      ['user_passwords', 'hashed_password', '@alice:example.org'],
      ['user_passwords', 'version', '@alice:example.org'],
      ['user_passwords', 'created_at', '@carol:example.org'],
      ['user_unsupported_third_party_ids', 'missing', '@alice:example.org'],
      ['upstream_oauth_links', 'user_id (its username)', '@alice:example.org'],
      ['compat_sessions', 'created_at', '@carol:example.org DEV_C1'],
      ['compat_sessions', 'finished_at', '@alice:example.org DEV_A1'],
      ['compat_sessions', 'last_active_ip', '@alice:example.org DEV_A1'],
      ['compat_sessions', 'user_agent', '@alice:example.org DEV_A1'],
      ['compat_sessions', 'human_name', '@alice:example.org DEV_A1'],
      // A token moved to another of the user's sessions: missing from the one it belongs to, unexpected in the other.
      ['compat_access_tokens', 'missing', '@alice:example.org DEV_A1'],
      ['compat_access_tokens', 'unexpected', '@alice:example.org DEV_A3'],
      ['compat_access_tokens', 'expires_at', '@alice:example.org DEV_A1'],
      ['compat_refresh_tokens', 'consumed_at', '@alice:example.org DEV_A5'],
      ['compat_refresh_tokens', 'compat_refresh_token_id (its ULID time)', '@alice:example.org DEV_A5'],
    ]);
    expectNoSecrets(run.stdout + run.stderr, await synapseSecrets(synapse));
  });
});

describe('verify and a run that verifies itself', () => {
  it('migrate --dry-run --verify proves the rows before emptying them; a verify afterwards finds them all missing', async () => {
    const { synapse, args } = await verifySetup(insertRuleRows);
    const dry = await cli('syn2mas', 'migrate', ...args, '--dry-run', '--verify', '--ignore-missing-auth-providers', '--json');
    expect(dry.code, dry.stderr).toBe(0);
    const report = JSON.parse(dry.stdout);
    expect(report.verification).toMatchObject({ outcome: 'match', migrationStart: { source: 'run' } });
    for (const table of report.verification.tables) {
      expect(table.expected, table.table).toBe(report.rowsWritten[table.table]);
      expect(table.matching, table.table).toBe(table.expected);
    }
    expect(dry.stderr).toMatch(/^✓ Verifying MAS against Synapse/m);
    const after = await cli('syn2mas', 'verify', ...args, '--json');
    expect(after.code).toBe(12);
    const emptied = JSON.parse(after.stdout) as VerificationResult;
    expect(emptied.tables.every((t) => t.found === 0 && t.differences.every((d) => d.kind === 'missing'))).toBe(true);
    expectNoSecrets(dry.stdout + dry.stderr + after.stdout, await synapseSecrets(synapse));
  });

  it('migrate --verify: the human report ends with the verification', async () => {
    const { mas: masUrl, args } = await verifySetup(insertRuleRows);
    const run = await cli('syn2mas', 'migrate', ...args, '--verify', '--ignore-missing-auth-providers');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\nVerification of example\.org: MAS holds exactly what Synapse says it must/);
    expect(await withClient(masUrl, async (c) => (await c.query('SELECT count(*)::int AS n FROM users')).rows[0].n)).toBe(6);
  });
});

describe('a real run that verifies itself after its commit', () => {
  it('a cancel during the verification stops it, not the committed migration', async () => {
    const { synapse, mas: masUrl, args } = await verifySetup((c) => generateSynapseData(c, { serverName, users: 300 }));
    const cancel = new AbortController();
    const report = await runMigration(ruleSettings(synapse, masUrl), {
      verify: true,
      signal: cancel.signal,
      onProgress: (p) => {
        if (p.stages.some((s) => s.id === 'verify' && s.status === 'running')) cancel.abort();
      },
    });
    expect(report.dryRun).toBe(false);
    expect(report.verification).toMatchObject({ outcome: 'cannot-compare', problem: { code: 'cancelled' } });
    expect(report.verification!.problem!.message).toContain('The migration itself had finished and is committed.');
    // Committed, unpaused and unlocked: a verify afterwards proves it.
    const after = await cli('syn2mas', 'verify', ...args, '--ignore-missing-auth-providers');
    expect(after.code, after.stdout + after.stderr).toBe(0);
  });
});

describe('verify cannot compare (exit 10)', () => {
  it('while MAS holds an interrupted run, while a migration holds the lock, or when a database cannot be reached', async () => {
    const { mas: masUrl, args } = await verifySetup(insertRuleRows);
    const paused = await withClient(masUrl, async (c) => {
      await c.query('CREATE TABLE syn2mas_restore_constraints (n int, table_name text, name text, definition text)');
      await c.query('CREATE TABLE syn2mas_restore_indices (n int, table_name text, name text, definition text)');
      const result = await cli('syn2mas', 'verify', ...args, '--json');
      await c.query('DROP TABLE syn2mas_restore_constraints, syn2mas_restore_indices');
      return result;
    });
    expect(paused.code).toBe(10);
    expect(JSON.parse(paused.stdout)).toMatchObject({ exitCode: 10, outcome: 'cannot-compare', problem: { code: 'mas-paused' } });

    const locked = await withClient(masUrl, async (c) => {
      await c.query('SELECT pg_advisory_lock(32503136521118067)');
      return cli('syn2mas', 'verify', ...args);
    });
    expect(locked.code).toBe(10);
    expect(locked.stdout).toContain('could not compare. A migration into this MAS database is running');

    const unreachable = await cli('syn2mas', 'verify', ...args, '--synapse-database-uri', 'postgresql://nobody@127.0.0.1:1/none');
    expect(unreachable.code).toBe(10);
    expect(unreachable.stdout).toContain('Cannot reach PostgreSQL nobody@127.0.0.1:1/none (ECONNREFUSED)');
  });

  it('--help documents the exit codes, and a bad option is bad input', async () => {
    const help = await cli('syn2mas', 'verify', '--help');
    expect(help.stdout).toContain('12 something differs, 10 it cannot compare');
    expect(help.stdout).toContain('before Synapse and MAS start');
    expect((await cli('syn2mas', 'verify', '--bogus')).code).toBe(2);
    expect((await cli('syn2mas', 'migrate', '--help')).stdout).toContain('--verify');
  });
});
