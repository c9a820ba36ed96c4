import type pg from 'pg';
import { CopyRows } from '../../connect/postgres/copy-binary';
import { type CopyOut, copyOut } from '../../connect/postgres/copy-out';
import type { MappingContext, SqlContext, StageOutput, StagePlan } from '../mapping/stage';
import type { MasTable } from '../mas/mas-tables';
import { openSink, type WriterPool } from '../mas/writer-pool';
import type { ProgressTracker } from './progress-tracker';
import type { SynapseSnapshot } from '../synapse/synapse-snapshot';

/** Counts of one entity stage, for the report. */
export interface StageCounts {
  migrated: number;
  skipped: Record<string, number>;
}

export interface PlanOutcome {
  /** In the order of the plan's stages. */
  stages: StageCounts[];
  /** Rows written per MAS table. */
  written: Partial<Record<MasTable, number>>;
}

/** Rows of a table are sent to its writer in pieces of about this size. */
const flushBytes = 1 << 16;

/**
 * Streams one stage plan: Synapse rows in (binary COPY) through readers at
 * the run's snapshot, one per SELECT, mapped by the plan, and out (binary
 * COPY) to the paused MAS tables through borrowed writers, one per table,
 * with backpressure both ways; then each writer builds its table's indexes.
 */
export async function runStagePlan(
  plan: StagePlan,
  deps: {
    snapshot: SynapseSnapshot;
    pool: WriterPool;
    ctx: MappingContext;
    tracker: ProgressTracker;
    sql: SqlContext;
    signal: AbortSignal;
    /** Builds a table's indexes on its writer, once its rows are in. */
    buildIndexes: (writer: pg.Client, table: MasTable) => Promise<void>;
  },
): Promise<PlanOutcome> {
  const { snapshot, pool, ctx, tracker, signal } = deps;
  const tables = [...new Set(plan.stages.flatMap((s) => s.outputs))];
  const writers = await pool.acquire(tables.length, signal);
  const readers: pg.Client[] = [];
  try {
    // The writers' COPYs first: from here on a writer that dies fails its COPY, whose error names it.
    const sinks = tables.map((table, i) => openSink(writers[i]!, table));
    const selects = plan.selects(deps.sql);
    // All at once (each costs round trips and an authentication); the ones that opened are closed below whatever happens.
    const opened = await Promise.allSettled(selects.map(() => snapshot.openReader()));
    for (const o of opened) if (o.status === 'fulfilled') readers.push(o.value);
    const failed = opened.find((o) => o.status === 'rejected');
    if (failed) throw failed.reason;
    const rows = tables.map(() => new CopyRows());
    const counts: StageCounts[] = plan.stages.map(() => ({ migrated: 0, skipped: {} }));
    const seen = plan.stages.map(() => ({ migrated: 0, skipped: 0 }));
    const report = () =>
      plan.stages.forEach((stage, s) => {
        const n = seen[s]!;
        if (n.migrated + n.skipped === 0) return;
        counts[s]!.migrated += n.migrated;
        tracker.count(stage.id, n.migrated, n.skipped);
        n.migrated = 0;
        n.skipped = 0;
      });
    const flush = async (all: boolean) => {
      signal.throwIfAborted();
      for (let i = 0; i < rows.length; i++) {
        if (!all && rows[i]!.size < flushBytes) continue;
        const bytes = rows[i]!.take();
        if (bytes) await sinks[i]!.write(bytes);
      }
      report();
    };
    const output: StageOutput = {
      out: plan.stages.map((s) => s.outputs.map((t) => rows[tables.indexOf(t)]!)),
      count(s, reason) {
        if (reason === null || reason === undefined) seen[s]!.migrated++;
        else {
          seen[s]!.skipped++;
          counts[s]!.skipped[reason] = (counts[s]!.skipped[reason] ?? 0) + 1;
        }
      },
      between: () => (rows.some((r) => r.size >= flushBytes) ? flush(false) : undefined),
    };
    for (const stage of plan.stages) tracker.start(stage.id);
    const copies = selects.map((select, i) => copyOut(readers[i]!, select));
    await plan.read(copies, output, ctx);
    signal.throwIfAborted();
    if (!copies.every((c: CopyOut) => c.ended)) throw new Error('a stage plan left a COPY unread');
    await flush(true);
    await Promise.all(sinks.map((s) => s.end()));
    for (const stage of plan.stages) tracker.done(stage.id);
    for (const reader of readers.splice(0)) await snapshot.closeReader(reader, true);
    // Each table's indexes on its own writer, while the other plans still stream; a writer done with them serves a
    // plan still waiting for one (its transaction goes on: all commit together).
    await Promise.all(
      tables.map(async (table, i) => {
        await deps.buildIndexes(writers[i]!, table);
        pool.release([writers[i]!]);
      }),
    );
    return { stages: counts, written: Object.fromEntries(tables.map((t, i) => [t, rows[i]!.rows])) };
  } finally {
    for (const reader of readers) await snapshot.closeReader(reader, false); // after a failure mid-COPY, only closing is safe
  }
}
