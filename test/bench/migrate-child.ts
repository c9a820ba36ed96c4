import { performance } from 'node:perf_hooks';
import type { ProgressStage } from '../../src-shared/domain/progress';
import { openFileSource } from '../../src-main/ipc/sources/file-source';
import { usingSource } from '../../src-main/ipc/sources/migration-source';
import { migrateSource } from '../../src-main/ipc/use-cases/migrate-source';
import type { ChildResult, ChildStart, PhaseMarks } from './child-protocol';

/**
 * The migrating process of the benchmark: does what `syn2mas migrate` does
 * (its source and use case: load both configs, reach both databases, run
 * the engine) without the
 * progress display, so its peak memory is the migration's alone (not the
 * data generator's or the floor's).
 */
process.once('message', async ({ source, dryRun, writers }: ChildStart) => {
  const baselineRssKb = Math.round(process.memoryUsage().rss / 1024);
  const phases: PhaseMarks = {};
  let stages: ProgressStage[] = [];
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let result: ChildResult;
  try {
    const report = await usingSource(
      () => openFileSource({ ...source, cwd: process.cwd(), env: process.env }),
      (opened) =>
        migrateSource(opened, {
          dryRun,
          writers,
          onProgress(progress) {
            if (progress.phase !== 'setting-up') phases[progress.phase] ??= performance.now() - t0;
            stages = progress.stages;
          },
        }),
    );
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    result = {
      ok: true,
      report,
      wallMs,
      phases,
      stages,
      maxRssKb: process.resourceUsage().maxRSS,
      baselineRssKb,
      cpuMs: (cpu.user + cpu.system) / 1000,
    };
  } catch (error) {
    const e = error as Error & { hint?: string };
    result = { ok: false, message: `${e.message}${e.hint ? ` ${e.hint}` : ''}` };
  }
  process.send!(result, () => process.disconnect());
});
