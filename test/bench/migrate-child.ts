import type { ProgressStage } from '../../src-shared/domain/progress';
import { openFileSource } from '../../src-main/app/sources/file-source';
import { usingSource } from '../../src-main/app/sources/migration-source';
import { migrateSource } from '../../src-main/app/migrate-source';
import type { BenchPhase, ChildResult, ChildStart } from './child-protocol';
import { between, type ClockReading, readClock } from './server-cpu';

/**
 * The migrating process of the benchmark: does what `syn2mas migrate` does
 * (its source and use case: load both configs, reach both databases, run
 * the engine) without the
 * progress display, so its peak memory and CPU time are the migration's
 * alone (not the data generator's or the floor's). It reads the clocks
 * (its own CPU, the server's) whenever the run enters a new phase.
 */
process.once('message', async ({ source, dryRun, writers, verify, serverDataDir }: ChildStart) => {
  const baselineRssKb = Math.round(process.memoryUsage().rss / 1024);
  const phases: Partial<Record<BenchPhase, ClockReading>> = {};
  let current: { phase: BenchPhase; since: ClockReading } | undefined;
  const enter = (phase: BenchPhase | 'done') => {
    const now = readClock(serverDataDir);
    if (current) phases[current.phase] = between(current.since, now);
    current = phase === 'done' ? undefined : { phase, since: now };
    return now;
  };
  let stages: ProgressStage[] = [];
  let result: ChildResult;
  try {
    const t0 = enter('setting-up');
    const report = await usingSource(
      () => openFileSource({ ...source, cwd: process.cwd(), env: process.env }),
      (opened) =>
        migrateSource(opened, {
          dryRun,
          writers,
          ...(verify ? { verify } : {}),
          onProgress(progress) {
            if (progress.phase !== current?.phase && progress.phase !== 'done') enter(progress.phase);
            stages = progress.stages;
          },
        }),
    );
    const total = between(t0, enter('done'));
    result = { ok: true, report, phases, total, stages, maxRssKb: process.resourceUsage().maxRSS, baselineRssKb };
  } catch (error) {
    const e = error as Error & { hint?: string };
    result = { ok: false, message: `${e.message}${e.hint ? ` ${e.hint}` : ''}` };
  }
  process.send!(result, () => process.disconnect());
});
