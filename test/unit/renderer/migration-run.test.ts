import { describe, expect, it } from 'vitest';
import type { MigrationProgress, ProgressStage } from '../../../src-shared/domain/progress';
import type { MigrationReport } from '../../../src-shared/domain/report';
import { cancelMigration, migrationRun, startMigration } from '../../../src-renderer/src/store/migration-run';
import {
  cancelRequested,
  describeTransitions,
  type MigrationRun,
  noRun,
  progressReceived,
  runFailed,
  runFinished,
  runStarted,
} from '../../../src-renderer/src/store/migration-run-state';
import { openProfile } from '../../../src-renderer/src/store/session';
import { deferred, idA, idB, profileView } from './profile-views';

function stage(id: string, status: ProgressStage['status'], extra: Partial<ProgressStage> = {}): ProgressStage {
  return { id, kind: 'entity', label: id, status, migrated: 0, skipped: 0, ...extra };
}
const progress = (...stages: ProgressStage[]): MigrationProgress => ({ dryRun: false, phase: 'migrating', stages, elapsedMs: 10 });
const report = { serverName: 'example.org', dryRun: false } as MigrationReport;
const texts = (run: MigrationRun) => run.log.map((l) => l.text);
const started = (dryRun = false) => runStarted(noRun, { id: idA, name: 'Production' }, dryRun, 1);

describe('the log lines of a run', () => {
  it('says when a stage starts, and when it is done with its counts and time', () => {
    const before = [stage('users', 'pending'), stage('devices', 'running')];
    const after = [stage('users', 'running'), stage('devices', 'done', { migrated: 5, skipped: 2, durationMs: 1250 })];
    expect(describeTransitions(before, after)).toEqual(['users: started', 'devices: done (5 migrated, 2 skipped) in 1.3 s']);
  });

  it('is silent for stages whose state did not change', () => {
    const stages = [stage('users', 'running', { migrated: 10 }), stage('devices', 'done'), stage('tokens', 'pending')];
    const later = stages.map((s) => ({ ...s, migrated: s.migrated + 1 }));
    expect(describeTransitions(stages, later)).toEqual([]);
    // A snapshot out of order never has a finished stage start again.
    expect(describeTransitions([stage('devices', 'done')], [stage('devices', 'running')])).toEqual([]);
  });

  it('logs only "done" for a stage that finished between two snapshots; counts only for entity stages, time only when known', () => {
    const after = [stage('users', 'done', { migrated: 3 }), stage('idx', 'done', { kind: 'index', durationMs: 100 })];
    expect(describeTransitions([stage('users', 'pending')], after)).toEqual(['users: done (3 migrated, 0 skipped)', 'idx: done in 0.1 s']);
  });
});

describe('the states of a run', () => {
  it('starts a run as running, for its profile, with a new number and nothing of the last run', () => {
    const finished = runFinished(started(), 1, report, 2);
    const next = runStarted(finished, { id: idB, name: 'Staging' }, true, 3);
    expect(next).toMatchObject({ runId: 2, status: 'running', profileId: idB, profileName: 'Staging', dryRun: true, report: undefined });
    expect(texts(next)).toEqual(['Dry run started: everything is written, then MAS is emptied again.']);
  });

  it('starts no second run while one is running or being cancelled', () => {
    const running = started();
    expect(runStarted(running, { id: idB, name: 'B' }, true, 2)).toBe(running);
    const cancelling = cancelRequested(running, 2);
    expect(runStarted(cancelling, { id: idB, name: 'B' }, true, 3)).toBe(cancelling);
  });

  it('takes progress while running, logging the stages that moved', () => {
    const run = progressReceived(started(), 1, progress(stage('users', 'running')), 2);
    expect(run.progress?.stages[0]?.status).toBe('running');
    expect(texts(run)).toEqual(['Real migration started.', 'users: started']);
  });

  it('ends done with the report', () => {
    const run = runFinished(started(), 1, report, 2);
    expect(run).toMatchObject({ status: 'done', report, error: undefined });
    expect(texts(run).at(-1)).toBe('Migration finished.');
    expect(texts(runFinished(started(true), 1, report, 2)).at(-1)).toBe('Dry run finished; the MAS database is empty again.');
  });

  it('ends failed with the error when the call fails', () => {
    const error = new Error('MAS database refused the connection');
    const run = runFailed(started(), 1, error, 2);
    expect(run).toMatchObject({ status: 'failed', error });
    expect(texts(run).at(-1)).toBe('Failed: MAS database refused the connection');
  });

  it('ends cancelled, without an error, when the admin cancelled it', () => {
    const run = runFailed(cancelRequested(started(), 2), 1, new Error('cancelled'), 3);
    expect(run).toMatchObject({ status: 'cancelled', error: undefined });
    expect(texts(run)).toEqual([
      'Real migration started.',
      'Cancelling…',
      'Cancelled. The MAS database is left resumable: run again to resume.',
    ]);
  });

  it('cancels only a running run', () => {
    for (const ended of [noRun, runFinished(started(), 1, report, 2), runFailed(started(), 1, new Error('x'), 2)])
      expect(cancelRequested(ended, 3)).toBe(ended);
  });

  it('drops events and replies of an earlier run, and news after the end', () => {
    const first = runFailed(cancelRequested(started(), 2), 1, new Error('cancelled'), 3);
    const second = runStarted(first, { id: idA, name: 'Production' }, false, 4);
    expect(progressReceived(second, 1, progress(stage('users', 'done')), 5)).toBe(second);
    expect(runFinished(second, 1, report, 5)).toBe(second);
    expect(runFailed(second, 1, new Error('late'), 5)).toBe(second);
    const done = runFinished(second, 2, report, 6);
    expect(progressReceived(done, 2, progress(stage('users', 'running')), 7)).toBe(done);
    expect(runFailed(done, 2, new Error('late'), 7)).toBe(done);
  });
});

describe('the run store', () => {
  it("passes the admin's acknowledgement of the other Synapse sessions and the choice to verify on to main, and only then", async () => {
    const calls: unknown[] = [];
    const record = (input: unknown) => {
      calls.push(input);
      return Promise.reject(new Error('stop here'));
    };
    await startMigration(profileView(idA), false, { allowSynapseConnections: true }, record);
    await startMigration(profileView(idA), true, {}, record);
    await startMigration(profileView(idA), true, { verify: true }, record);
    expect(calls).toEqual([
      { profileId: idA, dryRun: false, allowSynapseConnections: true, verify: false },
      { profileId: idA, dryRun: true, allowSynapseConnections: false, verify: false },
      { profileId: idA, dryRun: true, allowSynapseConnections: false, verify: true },
    ]);
  });

  it('runs one migration at a time, streams its progress, cancels it, and keeps it while another profile is opened', async () => {
    openProfile(profileView(idA), 'migration');
    const reply = deferred<MigrationReport>();
    let signal: AbortSignal | undefined;
    let onEvent: ((p: MigrationProgress) => void) | undefined;
    const calls: unknown[] = [];
    const run = startMigration(profileView(idA), false, {}, (input, options) => {
      calls.push(input);
      ({ signal, onEvent } = options);
      return reply.promise;
    });
    await startMigration(profileView(idB), true, {}, () => Promise.reject(new Error('a second run was started')));
    expect(calls).toEqual([{ profileId: idA, dryRun: false, allowSynapseConnections: false, verify: false }]);

    onEvent!(progress(stage('users', 'running')));
    openProfile(profileView(idB));
    expect(migrationRun.get()).toMatchObject({ status: 'running', profileId: idA });
    cancelMigration();
    expect(signal!.aborted).toBe(true);
    reply.reject(new Error('cancelled'));
    await run;
    expect(migrationRun.get()).toMatchObject({ status: 'cancelled', profileId: idA, error: undefined });
    expect(texts(migrationRun.get())).toEqual([
      'Real migration started.',
      'users: started',
      'Cancelling…',
      'Cancelled. The MAS database is left resumable: run again to resume.',
    ]);
  });
});
