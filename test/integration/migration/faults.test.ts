import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { checkDatabases } from '../../../src-main/engine/run/database-checks';
import { runMigration } from '../../../src-main/engine/run/run-migration';
import { advisoryLockKey } from '../../../src-main/engine/run/advisory-lock';
import { ChecksFailedError } from '../../../src-shared/domain/checks-failed';
import type { MigrationSettings } from '../../../src-main/engine/run/migration-settings';
import type { MigrationProgress } from '../../../src-shared/domain/progress';
import type { AppError } from '../../../src-shared/errors';
import { startLocalPostgres } from '../../../src-main/connect/embedded-postgres';
import { databaseWithSchema, sessionsGone, withClient } from '../../helpers/databases';
import { loadFixtureSchema, sameServerDatabase } from '../../helpers/pg-clients';
import { generateSynapseData } from '../../fixtures/synapse-data';
import { catalogSnapshot } from './catalog';
import { synapseAndMas } from './database-pair';
import { insertRuleRows, ruleSettings, serverName } from './rules-fixture';
import { masTables } from '../../../src-shared/domain/migration-tables';
import { failure } from '../../helpers/failure';

async function pair(fill: (c: pg.Client) => Promise<void> = insertRuleRows) {
  const { synapse, mas } = await synapseAndMas(fill);
  return { synapse, mas, catalog: await withClient(mas, catalogSnapshot) };
}

const countUsers = (mas: string, table = 'users') =>
  withClient(mas, async (c) => Number((await c.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n));

/** The first progress event where an entity stage is running: writers are open and mid-transaction. */
function onFirstWrite(action: () => void): (p: MigrationProgress) => void {
  let fired = false;
  return (p) => {
    if (!fired && p.stages.some((s) => s.kind === 'entity' && s.status === 'running')) {
      fired = true;
      action();
    }
  };
}

async function expectResumable(mas: string) {
  const tables = (await withClient(mas, catalogSnapshot)).tables;
  expect(tables).toContain('syn2mas_restore_constraints');
  expect(tables).toContain('syn2mas_restore_indices');
  expect(tables).toContain('syn2mas__users');
  expect(tables).not.toContain('users');
}

describe('dry run', () => {
  it('leaves the tables it wrote empty and the schema intact, and keeps the provider rows', async () => {
    const { synapse, mas, catalog } = await pair();
    const report = await runMigration(ruleSettings(synapse, mas, { dryRun: true }));
    expect(report.dryRun).toBe(true);
    expect(report.rowsWritten.users).toBe(6);
    expect(await withClient(mas, catalogSnapshot)).toEqual(catalog);
    for (const table of masTables) {
      expect(await countUsers(mas, table)).toBe(0);
    }
    expect(await countUsers(mas, 'upstream_oauth_providers')).toBe(2);
    // A real run can follow the dry run.
    expect((await runMigration(ruleSettings(synapse, mas))).rowsWritten.users).toBe(6);
  });
});

describe('refusals that leave MAS untouched', () => {
  it('synapse-running: a real run stops when a Synapse table is locked by another session; a dry run still works', async () => {
    const { synapse, mas, catalog } = await pair();
    const holder = new pg.Client({ connectionString: synapse, application_name: 'synapse_worker_1' });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE devices IN ROW EXCLUSIVE MODE');
      const error = await failure(runMigration(ruleSettings(synapse, mas)));
      expect(error.code).toBe('synapse-running');
      // The session is named, so the admin can find the Synapse process still running.
      expect(error.message).toMatch(
        /table devices \(EXCLUSIVE mode\).* held by postgres from 127\.0\.0\.1 \("synapse_worker_1", idle in transaction/,
      );
      expect(error.hint).toContain('Stop Synapse');
      expect(await withClient(mas, catalogSnapshot)).toEqual(catalog);
      expect((await runMigration(ruleSettings(synapse, mas, { dryRun: true }))).dryRun).toBe(true);
    } finally {
      await holder.end();
    }
  });

  it('mas-not-empty names the table and the database', async () => {
    const { synapse, mas, catalog } = await pair();
    await withClient(mas, (c) => c.query("INSERT INTO users (user_id, username, created_at) VALUES (gen_random_uuid(), 'someone', now())"));
    const error = await failure(runMigration(ruleSettings(synapse, mas)));
    expect(error).toBeInstanceOf(ChecksFailedError);
    const finding = (error as ChecksFailedError).findings.find((f) => f.id === 'mas-not-empty')!;
    expect(finding.message).toMatch(/table users in the database postgresql:\/\/postgres@127\.0\.0\.1:\d+\/mas_\w+ already has 1 row/);
    expect(await withClient(mas, catalogSnapshot)).toEqual(catalog);
    expect(await countUsers(mas)).toBe(1);
    // Even a dry run must not write into a used MAS database.
    expect((await failure(runMigration(ruleSettings(synapse, mas, { dryRun: true })))).code).toBe('checks-failed');
  });

  it('a second migration is refused while the first holds the advisory lock', async () => {
    const { synapse, mas, catalog } = await pair();
    const holder = new pg.Client({ connectionString: mas });
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(${advisoryLockKey})`);
      const error = await failure(runMigration(ruleSettings(synapse, mas)));
      expect(error.code).toBe('migration-running');
      expect(error.message).toContain('Another migration');
      expect(await withClient(mas, catalogSnapshot)).toEqual(catalog);
    } finally {
      await holder.end();
    }
  });

  it('two migrations started together: one completes, the other is refused', async () => {
    const { synapse, mas } = await pair((c) => generateSynapseData(c, { serverName, users: 300 }));
    const settings = ruleSettings(synapse, mas);
    const outcomes = await Promise.allSettled([runMigration(settings), runMigration(settings)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(['migration-running', 'checks-failed']).toContain((refused.reason as AppError).code);
  });

  it('wrong databases: MAS pointing at Synapse is mas-not-mas, Synapse pointing at MAS is synapse-not-synapse', async () => {
    const { synapse, mas, catalog } = await pair();
    const masIsSynapse = (await failure(runMigration(ruleSettings(synapse, synapse)))) as ChecksFailedError;
    const notMas = masIsSynapse.findings.find((f) => f.id === 'mas-not-mas')!;
    expect(notMas.fix).toContain('mas-cli database migrate');
    expect(notMas.examples).toContain('users.user_id');
    const synapseIsMas = (await failure(runMigration(ruleSettings(mas, mas)))) as ChecksFailedError;
    expect(synapseIsMas.findings.map((f) => f.id)).toContain('synapse-not-synapse');
    expect(await withClient(mas, catalogSnapshot)).toEqual(catalog);
  });

  it('an unmapped provider blocks a real run unless --ignore-missing-auth-providers', async () => {
    const { synapse, mas, catalog } = await pair();
    const error = (await failure(runMigration(ruleSettings(synapse, mas, { ignoreMissingAuthProviders: false })))) as ChecksFailedError;
    const finding = error.findings.find((f) => f.id === 'provider-unknown-to-synapse')!;
    expect(finding).toMatchObject({ severity: 'error', count: 1 });
    expect(finding.message).toContain('oidc-unknown');
    expect(await withClient(mas, catalogSnapshot)).toEqual(catalog);
  });

  it('mas-partial-state when only one restore table exists', async () => {
    const { synapse, mas } = await pair();
    await withClient(mas, (c) =>
      c.query('CREATE TABLE syn2mas_restore_indices (order_key integer, table_name text, name text, definition text)'),
    );
    const error = (await failure(runMigration(ruleSettings(synapse, mas)))) as ChecksFailedError;
    expect(error.findings.map((f) => f.id)).toContain('mas-partial-state');
  });

  it('data-integrity errors stop a real run before anything is written; a dry run skips those rows', async () => {
    const { synapse, mas, catalog } = await pair(async (c) => {
      await insertRuleRows(c);
      await c.query(`
        INSERT INTO users (name, creation_ts) VALUES ('nobody', 1600000000);
        INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES ('@ghost:example.org', 'email', 'ghost@example.org', 1, 1);
        INSERT INTO devices (user_id, device_id) VALUES ('@x:other.org', 'D1'), ('@y:other.org', 'D2'), ('nobody', 'D3');
        INSERT INTO access_tokens (id, user_id, device_id, token) VALUES (9001, '@ghost:example.org', 'G1', 'syt_ghost');
        INSERT INTO refresh_tokens (id, user_id, device_id, token) VALUES (9002, '@x:other.org', 'D1', 'syr_x');`);
    });
    const error = (await failure(runMigration(ruleSettings(synapse, mas)))) as ChecksFailedError;
    // The writers connected while the run set up: none is left behind, nor any other connection.
    await sessionsGone(mas);
    const integrity = error.findings.filter((f) => f.id === 'data-integrity');
    expect(integrity.map((f) => [f.source, f.count, f.examples])).toEqual([
      ['users', 1, ['nobody']],
      ['user_threepids', 1, ['@ghost:example.org (email ghost@example.org)']],
      ['devices', 3, ['@x:other.org (device D1)', '@y:other.org (device D2)', 'nobody (device D3)']],
      ['access_tokens', 1, ['@ghost:example.org (access token id 9001)']],
      ['refresh_tokens', 1, ['@x:other.org (refresh token id 9002)']],
    ]);
    // The run scans on two connections at once, the checks on one: the same findings.
    const checked = (await checkDatabases(ruleSettings(synapse, mas))).findings.filter((f) => f.id === 'data-integrity');
    expect(checked).toEqual(integrity);
    expect(integrity[0]!.message).toBe('1 user ID in users is not of the form @localpart:example.org.');
    expect(integrity[2]!.message).toBe(
      '3 rows of devices belong to a user ID that is not @localpart:example.org (another server or malformed).',
    );
    expect(await withClient(mas, catalogSnapshot)).toEqual(catalog);
    const report = await runMigration(ruleSettings(synapse, mas, { dryRun: true }));
    expect(report.entities.find((e) => e.stage === 'users')!.skipped['user-id-invalid']).toBe(1);
    expect(report.entities.find((e) => e.stage === 'threepids')!.skipped['user-missing']).toBe(1);
    expect(report.entities.find((e) => e.stage === 'devices')!.skipped['user-id-invalid']).toBe(3);
    expect(report.findings.filter((f) => f.id === 'data-integrity')).toHaveLength(5);
  });
});

async function completeAfterInterruption(synapse: string, mas: string, settings: MigrationSettings, catalog: unknown) {
  await expectResumable(mas);
  const { findings, mas: inspection } = await checkDatabases(settings);
  expect(inspection.state).toBe('resumable');
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(findings.find((f) => f.id === 'mas-resumable')?.fix).toContain('Do not start MAS');
  const report = await runMigration(settings);
  expect(report.resumed).toBe(true);
  expect(await withClient(mas, catalogSnapshot)).toEqual(catalog);
  const expected = await withClient(synapse, async (c) =>
    Number((await c.query('SELECT count(*) AS n FROM users WHERE appservice_id IS NULL')).rows[0].n),
  );
  expect(await countUsers(mas)).toBe(expected);
  expect(report.rowsWritten.users).toBe(expected);
}

describe('interrupted runs (SPEC §4.6)', () => {
  const generated = () => pair((c) => generateSynapseData(c, { serverName, users: 3000 }));

  it('writer connections killed mid-write: the error says the database is resumable, and a rerun completes', async () => {
    const { synapse, mas, catalog } = await generated();
    const settings = ruleSettings(synapse, mas);
    let killed: ReturnType<typeof terminate> | undefined;
    const error = await failure(
      runMigration(settings, {
        onProgress: onFirstWrite(() => {
          killed = withClient(mas, (c) =>
            c.query(
              "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'syn2mas-writer' AND datname = current_database()",
            ),
          );
        }),
      }),
    );
    await killed;
    expect(error.code).toBe('db-connection-lost');
    // The server's reason, or the socket's when a write hits the closed connection before its last message is read.
    expect(error.message).toMatch(
      /^The connection to the MAS database \(postgresql:\/\/postgres@127\.0\.0\.1:\d+\/mas_\w+\) was lost: (terminating connection due to administrator command|write EPIPE|(read|write) ECONNRESET)\.$/,
    );
    expect(error.hint).toContain('resumable');
    await completeAfterInterruption(synapse, mas, settings, catalog);
  });

  it('the PostgreSQL server stops mid-run: the error names the database whose connection was lost, and says MAS is resumable', async () => {
    const server = await startLocalPostgres();
    try {
      const url = (db: string) => sameServerDatabase(server.url, db);
      await withClient(server.url, async (c) => {
        await c.query('CREATE DATABASE synapse');
        await c.query('CREATE DATABASE mas');
      });
      await loadFixtureSchema(url('synapse'), 'synapse');
      await loadFixtureSchema(url('mas'), 'mas');
      await withClient(url('synapse'), (c) => generateSynapseData(c, { serverName, users: 3000 }));
      let stopped: Promise<unknown> | undefined;
      const error = await failure(
        runMigration(ruleSettings(url('synapse'), url('mas')), { onProgress: onFirstWrite(() => (stopped = server.stop())) }),
      );
      await stopped;
      // Lost mid-query, or refused while opening one more connection as the server shuts down: either way, named.
      expect(['db-connection-lost', 'db-unreachable']).toContain(error.code);
      expect(error.message).toMatch(
        /^(The connection to the (MAS|Synapse) database \(postgresql:\/\/postgres@127\.0\.0\.1:\d+\/(mas|synapse)\) was lost: .+|PostgreSQL \S+@127\.0\.0\.1:\d+\/(mas|synapse) is not accepting connections: .+|(Cannot reach|PostgreSQL) \S+@127\.0\.0\.1:\d+\/(mas|synapse) .+)\.$/,
      );
      expect(error.hint).toContain('resumable');
    } finally {
      await server.stop().catch(() => {});
    }
  });

  it('cancelled through the AbortSignal: resumable, and a rerun completes', async () => {
    const { synapse, mas, catalog } = await generated();
    const settings = ruleSettings(synapse, mas);
    const controller = new AbortController();
    const error = await failure(runMigration(settings, { signal: controller.signal, onProgress: onFirstWrite(() => controller.abort()) }));
    expect(error.code).toBe('cancelled');
    expect(error.hint).toContain('resumable');
    await completeAfterInterruption(synapse, mas, settings, catalog);
  });
});

describe('check while a migration runs (issue: a running migration is seen)', () => {
  it('reports the migration running now, not an interrupted one; once it is gone, the interrupted one', async () => {
    const { synapse, mas } = await pair((c) => generateSynapseData(c, { serverName, users: 3000 }));
    const settings = ruleSettings(synapse, mas);
    const controller = new AbortController();
    await failure(runMigration(settings, { signal: controller.signal, onProgress: onFirstWrite(() => controller.abort()) }));
    const holder = new pg.Client({ connectionString: mas });
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(${advisoryLockKey})`);
      const running = await checkDatabases(settings);
      const finding = running.findings.find((f) => f.id === 'migration-running');
      expect(finding).toMatchObject({
        severity: 'error',
        message: expect.stringMatching(/is running now \(since \d{4}-\d\d-\d\dT[\d:]+Z, session \d+/),
      });
      expect(running.findings.map((f) => f.id)).not.toContain('mas-resumable');
    } finally {
      await holder.end();
    }
    // The holder's backend releases the lock when it exits, on PostgreSQL's own time.
    await sessionsGone(mas);
    const interrupted = await checkDatabases(settings);
    expect(interrupted.findings.map((f) => f.id)).toContain('mas-resumable');
    expect(interrupted.findings.map((f) => f.id)).not.toContain('migration-running');
  });
});

/** A Synapse database with generated users, and MAS's real schema (what `mas-cli database migrate` creates). */
async function generatedOnRealSchema(users: number) {
  const synapse = await databaseWithSchema('synapse');
  await withClient(synapse, (c) => generateSynapseData(c, { serverName, users }));
  const mas = await databaseWithSchema('mas');
  return { synapse, mas, catalog: await withClient(mas, catalogSnapshot) };
}

/** Another session holding `mode` locks on paused tables (in an open transaction) once they exist, until released. */
function lockPausedTables(mas: string, tables: string[], mode: string) {
  const holder = new pg.Client({ connectionString: mas });
  let locked: Promise<unknown> | undefined;
  return {
    /** Call from onProgress: takes the locks once the run has paused the tables. */
    onProgress(p: MigrationProgress) {
      if (locked || p.phase !== 'migrating') return;
      locked = holder
        .connect()
        .then(() => holder.query(`BEGIN; LOCK TABLE ${tables.map((t) => `syn2mas__${t}`).join(', ')} IN ${mode} MODE`));
    },
    release: async () => {
      await locked;
      await holder.end();
    },
  };
}

const terminate = (mas: string, role: string) =>
  withClient(mas, (c) =>
    c.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'syn2mas-${role}' AND datname = current_database()`,
    ),
  );

describe('interrupted index builds and final transaction (SPEC §4.4 as run here, §4.6)', () => {
  it("writers killed while they build their tables' indexes in parallel: resumable, and a rerun completes", async () => {
    const { synapse, mas, catalog } = await generatedOnRealSchema(3000);
    const settings = ruleSettings(synapse, mas);
    // ROW EXCLUSIVE lets the writers COPY but holds their CREATE INDEX: two tables' builds wait side by side.
    const holder = lockPausedTables(mas, ['compat_sessions', 'compat_access_tokens'], 'ROW EXCLUSIVE');
    let killed: ReturnType<typeof terminate> | undefined;
    let building: string[] = [];
    const error = await failure(
      runMigration(settings, {
        onProgress(p) {
          holder.onProgress(p);
          building = p.stages.filter((s) => s.kind === 'index' && s.status === 'running').map((s) => s.label.replace(/.* on /, ''));
          if (!killed && building.includes('compat_sessions') && building.includes('compat_access_tokens'))
            killed = terminate(mas, 'writer');
        },
      }),
    );
    await killed;
    await holder.release();
    expect((await killed)?.rowCount).toBeGreaterThan(0);
    expect(error.code).toBe('db-connection-lost');
    expect(error.hint).toContain('resumable');
    await completeAfterInterruption(synapse, mas, settings, catalog);
  });

  it('the final transaction killed after the writers committed rows and indexes: the rerun drops those indexes, rebuilds and completes', async () => {
    const { synapse, mas, catalog } = await generatedOnRealSchema(3000);
    const settings = ruleSettings(synapse, mas);
    // ACCESS SHARE lets rows and indexes in but holds the final transaction's first ALTER TABLE.
    const holder = lockPausedTables(mas, ['users', 'compat_sessions', 'compat_access_tokens', 'compat_refresh_tokens'], 'ACCESS SHARE');
    let killed: ReturnType<typeof terminate> | undefined;
    const error = await failure(
      runMigration(settings, {
        onProgress(p) {
          holder.onProgress(p);
          if (!killed && p.phase === 'rebuilding' && p.stages.some((s) => s.kind === 'constraint' && s.status === 'running'))
            killed = terminate(mas, 'control');
        },
      }),
    );
    await killed;
    await holder.release();
    expect(error.code).toBe('db-connection-lost');
    const built = await withClient(
      mas,
      async (c) =>
        (await c.query("SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = current_schema() AND tablename LIKE 'syn2mas\\_\\_%'"))
          .rows[0].n,
    );
    expect(built).toBeGreaterThan(10);
    await completeAfterInterruption(synapse, mas, settings, catalog);
  });
});

describe('cancel before anything is written', () => {
  it('says the MAS database was not changed', async () => {
    const { synapse, mas, catalog } = await pair();
    const controller = new AbortController();
    const error = await failure(
      runMigration(ruleSettings(synapse, mas), { signal: controller.signal, onProgress: () => controller.abort() }),
    );
    expect(error.code).toBe('cancelled');
    expect(error.hint).toContain('was not changed');
    expect(await withClient(mas, catalogSnapshot)).toEqual(catalog);
  });
});

describe('data MAS refuses at rebuild time', () => {
  it('a unique index the Synapse data violates: rebuild-failed names it, MAS stays resumable, and after the fix a rerun completes', async () => {
    const { synapse, mas } = await pair(async (c) => {
      await insertRuleRows(c);
      await c.query("INSERT INTO users (name, creation_ts) VALUES ('@Alice:example.org', 1600000000)");
    });
    await withClient(mas, (c) => c.query('CREATE UNIQUE INDEX users_lower_username_unique ON users (lower(username))'));
    const catalog = await withClient(mas, catalogSnapshot);
    const error = await failure(runMigration(ruleSettings(synapse, mas)));
    expect(error.code).toBe('rebuild-failed');
    expect(error.message).toContain('index users_lower_username_unique on users failed');
    expect(error.hint).toContain('resumable');
    await expectResumable(mas);
    await withClient(synapse, (c) => c.query("DELETE FROM users WHERE name = '@Alice:example.org'"));
    const report = await runMigration(ruleSettings(synapse, mas));
    expect(report).toMatchObject({ resumed: true, rowsWritten: { users: 6 } });
    expect(await withClient(mas, catalogSnapshot)).toEqual(catalog);
  });
});
