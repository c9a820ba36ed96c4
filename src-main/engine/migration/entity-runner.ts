import { splitCopyLine } from './copy-text';
import type { EntityStage, MappingContext } from './mapping/stage';
import { openSink, type WriterPool } from './mas-writer';
import type { ProgressTracker } from './progress';
import { type SynapseSnapshot, streamRows } from './synapse-reader';

/** Counts of one entity stage, for the report. */
export interface StageCounts {
  migrated: number;
  skipped: Record<string, number>;
  /** Rows written per output table. */
  written: number[];
}

/**
 * Streams one stage: Synapse rows in through a reader at the run's
 * snapshot, mapped, and out to the paused MAS tables through borrowed
 * writers, with backpressure both ways. No per-row state is kept.
 */
export async function runEntityStage(
  stage: EntityStage,
  deps: {
    snapshot: SynapseSnapshot;
    pool: WriterPool;
    ctx: MappingContext;
    tracker: ProgressTracker;
    serverSuffix: string;
    signal: AbortSignal;
  },
): Promise<StageCounts> {
  const { snapshot, pool, ctx, tracker, signal } = deps;
  const writers = await pool.acquire(stage.outputs.length, signal);
  const reader = await snapshot.openReader();
  let clean = false;
  try {
    const sinks = stage.outputs.map((table, i) => openSink(writers[i]!, table));
    const counts: StageCounts = { migrated: 0, skipped: {}, written: stage.outputs.map(() => 0) };
    const out: string[][] = stage.outputs.map(() => []);
    tracker.start(stage.id);
    for await (const batch of streamRows(reader, stage.sql(deps.serverSuffix))) {
      signal.throwIfAborted();
      let migrated = 0;
      for (const line of batch) {
        const reason = stage.map(splitCopyLine(line), out, ctx);
        if (reason === undefined) migrated++;
        else counts.skipped[reason] = (counts.skipped[reason] ?? 0) + 1;
      }
      counts.migrated += migrated;
      for (let i = 0; i < out.length; i++) {
        const lines = out[i]!;
        if (!lines.length) continue;
        counts.written[i]! += lines.length;
        await sinks[i]!.write(lines.join(''));
        lines.length = 0;
      }
      tracker.count(stage.id, migrated, batch.length - migrated);
    }
    signal.throwIfAborted();
    await Promise.all(sinks.map((s) => s.end()));
    tracker.done(stage.id);
    clean = true;
    return counts;
  } finally {
    await snapshot.closeReader(reader, clean);
    if (clean) pool.release(writers);
  }
}
