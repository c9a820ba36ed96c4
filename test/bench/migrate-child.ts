import { performance } from 'node:perf_hooks';
import type { ProgressStage } from '../../src-shared/domain/progress';
import { loadMigrationInputs } from '../../src-main/engine/migration/migration-inputs';
import { runMigration } from '../../src-main/engine/migration/run-migration';
import type { ChildResult, ChildStart, PhaseMarks } from './child-protocol';

/**
 * The migrating process of the benchmark: does what `syn2mas migrate` does
 * (load both configs, derive the settings, run the engine) without the
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
    const { settings, configFindings } = await loadMigrationInputs(source, { dryRun, writers });
    const report = await runMigration(settings, {
      configFindings,
      onProgress(progress) {
        if (progress.phase !== 'setting-up') phases[progress.phase] ??= performance.now() - t0;
        stages = progress.stages;
      },
    });
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
