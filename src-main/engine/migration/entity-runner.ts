import type pg from 'pg';
import { type CopyRow, CopyRows } from './copy-binary';
import { copyOut, eachRow } from './copy-out';
import type { MappingContext, StageQuery } from './mapping/stage';
import type { MasTable } from './mas-tables';
import { openSink, type WriterPool } from './mas-writer';
import type { ProgressTracker } from './progress';
import type { SynapseSnapshot } from './synapse-reader';

/** Counts of one entity stage, for the report. */
export interface StageCounts {
  migrated: number;
  skipped: Record<string, number>;
}

export interface QueryOutcome {
  /** In the order of the query's stages. */
  stages: StageCounts[];
  /** Rows written per MAS table. */
  written: Partial<Record<MasTable, number>>;
}

/** Rows of a table are sent to its writer in pieces of about this size. */
const flushBytes = 1 << 16;

/**
 * Streams one stage query: Synapse rows in (binary COPY) through a reader at
 * the run's snapshot, each mapped by its stage, and out (binary COPY) to the
 * paused MAS tables through borrowed writers, one per table, with
 * backpressure both ways; then each writer builds its table's indexes. No
 * per-row state is kept.
 */
export async function runStageQuery(
  query: StageQuery,
  deps: {
    snapshot: SynapseSnapshot;
    pool: WriterPool;
    ctx: MappingContext;
    tracker: ProgressTracker;
    serverSuffix: string;
    signal: AbortSignal;
    /** Builds a table's indexes on its writer, once its rows are in. */
    buildIndexes: (writer: pg.Client, table: MasTable) => Promise<void>;
  },
): Promise<QueryOutcome> {
  const { snapshot, pool, ctx, tracker, signal } = deps;
  const tables = [...new Set(query.stages.flatMap((s) => s.outputs))];
  const writers = await pool.acquire(tables.length, signal);
  let reader: pg.Client | undefined = await snapshot.openReader();
  let clean = false;
  try {
    const sinks = tables.map((table, i) => openSink(writers[i]!, table));
    const rows = tables.map(() => new CopyRows());
    const outputs = query.stages.map((s) => s.outputs.map((t) => rows[tables.indexOf(t)]!));
    const counts: StageCounts[] = query.stages.map(() => ({ migrated: 0, skipped: {} }));
    const seen = query.stages.map(() => ({ migrated: 0, skipped: 0 }));
    const onRow = (row: CopyRow) => {
      const s = row.int2(0);
      const reason = query.stages[s]!.map(row, outputs[s]!, ctx);
      if (reason === undefined) seen[s]!.migrated++;
      else {
        seen[s]!.skipped++;
        counts[s]!.skipped[reason] = (counts[s]!.skipped[reason] ?? 0) + 1;
      }
    };
    const flush = async (all: boolean) => {
      for (let i = 0; i < rows.length; i++) {
        if (!all && rows[i]!.size < flushBytes) continue;
        const bytes = rows[i]!.take();
        if (bytes) await sinks[i]!.write(bytes);
      }
    };
    for (const stage of query.stages) tracker.start(stage.id);
    await eachRow(copyOut(reader, query.sql(deps.serverSuffix)), onRow, async () => {
      signal.throwIfAborted();
      await flush(false);
      query.stages.forEach((stage, s) => {
        const n = seen[s]!;
        if (n.migrated + n.skipped === 0) return;
        counts[s]!.migrated += n.migrated;
        tracker.count(stage.id, n.migrated, n.skipped);
        n.migrated = 0;
        n.skipped = 0;
      });
    });
    signal.throwIfAborted();
    await flush(true);
    await Promise.all(sinks.map((s) => s.end()));
    for (const stage of query.stages) tracker.done(stage.id);
    await snapshot.closeReader(reader, true);
    reader = undefined;
    // Each table's indexes on its own writer, while the other queries still stream.
    await Promise.all(tables.map((table, i) => deps.buildIndexes(writers[i]!, table)));
    clean = true;
    return { stages: counts, written: Object.fromEntries(tables.map((t, i) => [t, rows[i]!.rows])) };
  } finally {
    if (reader) await snapshot.closeReader(reader, false); // after a failure mid-COPY, only closing is safe
    if (clean) pool.release(writers);
  }
}
