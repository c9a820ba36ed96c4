import { describe, expect, it } from 'vitest';
import { ProgressTracker } from '../../../src-main/engine/run/progress-tracker';
import { createProgressDisplay, stageLine } from '../../../src-main/hosts/cli/progress-display';
import type { MigrationProgress } from '../../../src-shared/domain/progress';

function tracked(): { tracker: ProgressTracker; events: MigrationProgress[] } {
  const events: MigrationProgress[] = [];
  const tracker = new ProgressTracker(false, (p) => events.push(p), 0);
  tracker.add({ id: 'setup', kind: 'setup', label: 'Setting up' });
  tracker.add({ id: 'users', kind: 'entity', label: 'Users', estimatedTotal: 1000 });
  tracker.add({ id: 'rebuild-0', kind: 'index', label: 'Rebuilding index users_pkey on syn2mas__users' });
  return { tracker, events };
}

describe('progress (SPEC §6)', () => {
  it('tracks migrated and skipped rows against the estimate, with rate and time remaining', () => {
    const { tracker, events } = tracked();
    tracker.phase('migrating');
    tracker.start('users');
    tracker.count('users', 90, 10);
    const users = events.at(-1)!.stages.find((s) => s.id === 'users')!;
    expect(users).toMatchObject({ status: 'running', migrated: 90, skipped: 10, estimatedTotal: 1000 });
    if (users.rowsPerSecond !== undefined) expect(users.secondsRemaining).toBeCloseTo(900 / users.rowsPerSecond, 5);
    tracker.done('users');
    expect(events.at(-1)!.stages.find((s) => s.id === 'users')).toMatchObject({ status: 'done', durationMs: expect.any(Number) });
  });

  it('throttles row updates but always reports stage changes', () => {
    const events: MigrationProgress[] = [];
    const tracker = new ProgressTracker(true, (p) => events.push(p), 60_000);
    tracker.add({ id: 'users', kind: 'entity', label: 'Users' });
    tracker.start('users');
    const afterStart = events.length;
    tracker.count('users', 1, 0);
    tracker.count('users', 1, 0);
    expect(events.length).toBe(afterStart);
    tracker.done('users');
    expect(events.at(-1)!.stages[0]).toMatchObject({ migrated: 2, status: 'done' });
  });

  it('plain output: one line when a stage starts and when it ends', () => {
    let out = '';
    const display = createProgressDisplay({ write: (t: string) => (out += t) });
    const t2 = new ProgressTracker(false, (p) => display.update(p), 0);
    t2.add({ id: 'users', kind: 'entity', label: 'Users', estimatedTotal: 8 });
    t2.start('users');
    t2.count('users', 6, 2);
    t2.count('users', 0, 0);
    t2.done('users');
    expect(out.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^› Users: 0 of ~8 read/),
      '✓ Users: 8 of ~8 read, 6 migrated, 2 skipped',
    ]);
  });

  it('on a terminal, redraws the block in place', () => {
    const { tracker } = tracked();
    let out = '';
    const display = createProgressDisplay({ write: (t: string) => (out += t), isTTY: true });
    const snapshot = tracker.snapshot();
    display.update(snapshot);
    const first = out;
    display.update(snapshot);
    expect(first).not.toContain('\x1b[3F');
    expect(out.slice(first.length).startsWith('\x1b[3F')).toBe(true);
    expect(out).toContain('\x1b[2KMigration: setting-up');
    // After finish() (other text was printed), the block is drawn anew below it.
    display.finish();
    const before = out.length;
    display.update(snapshot);
    expect(out.slice(before).startsWith('\x1b[2K')).toBe(true);
  });

  it('describes a running entity stage with its rate and time left', () => {
    expect(
      stageLine({
        id: 'users',
        kind: 'entity',
        label: 'Users',
        status: 'running',
        migrated: 500,
        skipped: 0,
        estimatedTotal: 2000,
        rowsPerSecond: 250,
        secondsRemaining: 125,
      }),
    ).toBe('› Users: 500 of ~2000 read, 500 migrated, 0 skipped, 250 rows/s, 2m05s left');
  });
});
