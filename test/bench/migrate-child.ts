import { performance } from 'node:perf_hooks';
import type { ProgressStage } from '../../src-shared/domain/progress';
import { runMigration } from '../../src-main/engine/migration/run-migration';
import type { ChildResult, ChildStart, PhaseMarks } from './child-protocol';

/**
 * The migrating process of the benchmark: runs one real migration through
 * the engine entry the command line uses, so its peak memory is the
 * migration's alone (not the data generator's or the floor's).
 */
process.once('message', async ({ settings }: ChildStart) => {
  const baselineRssKb = Math.round(process.memoryUsage().rss / 1024);
  const phases: PhaseMarks = {};
  let stages: ProgressStage[] = [];
  const t0 = performance.now();
  let result: ChildResult;
  try {
    const report = await runMigration(settings, {
      onProgress(progress) {
        if (progress.phase !== 'setting-up') phases[progress.phase] ??= performance.now() - t0;
        stages = progress.stages;
      },
    });
    const wallMs = performance.now() - t0;
    result = { ok: true, report, wallMs, phases, stages, maxRssKb: process.resourceUsage().maxRSS, baselineRssKb };
  } catch (error) {
    const e = error as Error & { hint?: string };
    result = { ok: false, message: `${e.message}${e.hint ? ` ${e.hint}` : ''}` };
  }
  process.send!(result, () => process.disconnect());
});
