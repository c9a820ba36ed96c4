import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../src-shared/contract/checks';
import { MigrationProgress } from '../../../src-shared/domain/progress';
import { databaseWithSchema, withClient } from '../../helpers/databases';
import { recordingRouter } from '../../helpers/ipc-recorder';
import { localProfileSettings, tempDataDir } from '../../helpers/profiles';
import { generateSynapseData } from '../../fixtures/synapse-data';
import { catalogSnapshot } from '../migration/catalog';
import { writeConfigFiles } from '../migration/config-files';
import { synapseAndMas } from '../migration/database-pair';
import { insertRuleRows, migratedPerStage, serverName } from '../migration/rules-fixture';

/** Both databases filled, their config files written, and a profile naming those files. */
async function setup(fill: Parameters<typeof withClient>[1], options: { ignoreMissingAuthProviders: boolean }) {
  const { synapse, mas } = await synapseAndMas(fill);
  const files = await writeConfigFiles(synapse, mas);
  const rec = recordingRouter(await tempDataDir());
  const settings = {
    ...localProfileSettings('Rules', [files.synapseConfig], [files.masConfig]),
    options: { ...options, writerConnections: 2 },
  };
  const profileId = (await rec.ok('profiles.create', { settings })).id;
  return { mas, rec, profileId };
}

describe('the checks and migration channels of a profile', () => {
  it('checks.run returns the config and database findings, the MAS state and the users per provider', async () => {
    const { rec, profileId } = await setup(insertRuleRows, { ignoreMissingAuthProviders: false });
    const output: CheckResult = await rec.ok('checks.run', { profileId });
    expect(output).toMatchObject({ databasesChecked: true, masState: 'fresh', masSchemaVersion: expect.stringMatching(/^\d+$/) });
    expect(output.findings.find((f) => f.id === 'provider-unknown-to-synapse')?.severity).toBe('error');
    expect(output.providerUsers.length).toBeGreaterThan(0);
    const history = (await rec.ok('profiles.get', { id: profileId })).history;
    expect(history.at(-1)).toMatchObject({ kind: 'check', outcome: 'errors' });
  });

  it('migration.run streams validated progress through every stage and returns the report', async () => {
    const { mas, rec, profileId } = await setup(insertRuleRows, { ignoreMissingAuthProviders: true });
    const events: MigrationProgress[] = [];
    const outcome = await rec.router.call(
      'migration.run',
      { profileId, dryRun: false },
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
    expect((await rec.ok('profiles.get', { id: profileId })).history.at(-1)).toMatchObject({ kind: 'migrate', outcome: 'ok' });
  });

  it('cancelling migration.run answers "cancelled", says the database is resumable, and the next run completes', async () => {
    const { mas, rec, profileId } = await setup((c) => generateSynapseData(c, { serverName, users: 3000 }), {
      ignoreMissingAuthProviders: true,
    });
    const catalog = await databaseWithSchema('mas').then((fresh) => withClient(fresh, catalogSnapshot));
    const controller = new AbortController();
    const outcome = await rec.router.call(
      'migration.run',
      { profileId, dryRun: false },
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
    expect((await rec.ok('profiles.get', { id: profileId })).history.at(-1)).toMatchObject({ kind: 'migrate', outcome: 'failed' });
    const again = await rec.call('migration.run', { profileId, dryRun: false });
    expect(again).toMatchObject({ ok: true, output: { resumed: true } });
    expect(await withClient(mas, catalogSnapshot)).toEqual(catalog);
  });

  it('rejects invalid input and reports a missing config file by name', async () => {
    const rec = recordingRouter(await tempDataDir());
    expect(await rec.call('migration.run', { profileId: 'nope' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const settings = localProfileSettings('Missing', ['/nonexistent/homeserver.yaml'], ['/nonexistent/mas.yaml']);
    const profileId = (await rec.ok('profiles.create', { settings })).id;
    const missing = await rec.call('migration.run', { profileId });
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'file-missing', message: expect.stringContaining('/nonexistent/homeserver.yaml') },
    });
  });
});
