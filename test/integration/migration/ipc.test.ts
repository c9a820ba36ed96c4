import { describe, expect, it } from 'vitest';
import { handlers } from '../../../src-main/ipc/handlers';
import { createRouter } from '../../../src-main/ipc/router';
import { MigrationProgress } from '../../../src-shared/domain/progress';
import { databaseWithSchema, withClient } from '../../helpers/databases';
import { generateSynapseData } from '../../fixtures/synapse-data';
import { catalogSnapshot } from './catalog';
import { writeConfigFiles } from './config-files';
import { synapseAndMas } from './database-pair';
import { insertRuleRows, migratedPerStage, serverName } from './rules-fixture';

const services = { host: 'web' as const, dataDir: '/nonexistent' };

async function setup(fill: Parameters<typeof withClient>[1]) {
  const { synapse, mas } = await synapseAndMas(fill);
  const files = await writeConfigFiles(synapse, mas);
  return { synapse, mas, source: { masConfig: [files.masConfig], synapseConfig: [files.synapseConfig], ignoreMissingAuthProviders: true } };
}

describe('migration IPC channels through the router', () => {
  it('migration.checkDatabases returns the database findings and the MAS state', async () => {
    const { source } = await setup(insertRuleRows);
    const outcome = await createRouter(handlers, services).call('migration.checkDatabases', {
      ...source,
      ignoreMissingAuthProviders: false,
    });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const output = outcome.output as { findings: { id: string; severity: string }[]; masState: string; masSchemaVersion: string };
    expect(output).toMatchObject({ masState: 'fresh', masSchemaVersion: '20251001000000' });
    expect(output.findings.find((f) => f.id === 'provider-unknown-to-synapse')?.severity).toBe('error');
  });

  it('migration.run streams validated progress through every stage and returns the report', async () => {
    const { mas, source } = await setup(insertRuleRows);
    const events: MigrationProgress[] = [];
    const outcome = await createRouter(handlers, services).call(
      'migration.run',
      { ...source, dryRun: false, writers: 2 },
      { emit: (e) => events.push(e as MigrationProgress) },
    );
    expect(outcome).toMatchObject({ ok: true, output: { dryRun: false, rowsWritten: { users: 6 } } });
    for (const e of events) expect(MigrationProgress.safeParse(e).success).toBe(true);
    const last = events.at(-1)!;
    expect(last.phase).toBe('done');
    expect(last.stages.every((s) => s.status === 'done')).toBe(true);
    const kinds = new Set(last.stages.map((s) => s.kind));
    expect([...kinds]).toEqual(['setup', 'entity', 'index', 'constraint', 'finish']);
    expect(last.stages.filter((s) => s.kind === 'entity').map((s) => [s.id, s.migrated])).toEqual(migratedPerStage);
    expect(last.stages.find((s) => s.id === 'users')).toMatchObject({ skipped: 2, estimatedTotal: 8 });
    expect(new Set(events.map((e) => e.phase))).toEqual(new Set(['setting-up', 'migrating', 'rebuilding', 'finishing', 'done']));
    expect(await withClient(mas, async (c) => (await c.query('SELECT count(*)::int AS n FROM users')).rows[0].n)).toBe(6);
    expect(JSON.stringify(events)).not.toContain('google-secret');
  });

  it('cancelling migration.run answers "cancelled", says the database is resumable, and the next run completes', async () => {
    const { mas, source } = await setup((c) => generateSynapseData(c, { serverName, users: 3000 }));
    const catalog = await databaseWithSchema('mas').then((fresh) => withClient(fresh, catalogSnapshot));
    const controller = new AbortController();
    const router = createRouter(handlers, services);
    const outcome = await router.call(
      'migration.run',
      { ...source, dryRun: false },
      {
        signal: controller.signal,
        emit: (e) => {
          if ((e as MigrationProgress).stages.some((s) => s.kind === 'entity' && s.status === 'running')) controller.abort();
        },
      },
    );
    expect(outcome).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    if (outcome.ok) return;
    expect(outcome.error.hint).toContain('resumable');
    const again = await router.call('migration.run', { ...source, dryRun: false });
    expect(again).toMatchObject({ ok: true, output: { resumed: true } });
    expect(await withClient(mas, catalogSnapshot)).toEqual(catalog);
  });

  it('rejects invalid input and reports a missing config file by name', async () => {
    const router = createRouter(handlers, services);
    expect(await router.call('migration.run', { masConfig: [], synapseConfig: ['x'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    const missing = await router.call('migration.run', {
      masConfig: ['/nonexistent/mas.yaml'],
      synapseConfig: ['/nonexistent/homeserver.yaml'],
    });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toContain('/nonexistent/homeserver.yaml');
  });
});
