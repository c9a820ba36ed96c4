import type pg from 'pg';
import type { MasTable } from '../mas/mas-tables';
import type { TableVerification } from '../../../src-shared/domain/verification';
import { comparedTables } from './compared-tables';
import { streamRows } from './copy-text';
import { DifferenceTally } from './difference-tally';
import { type ExpectedContext, expectedContext, expectedRowsSql } from './expected-rows';
import { masRowsSql } from './mas-rows';
import { mergeCompare } from './merge-compare';
import { compareSessions } from './compare-sessions';
import type { MigrationStart } from './migration-start';
import { RowCursor } from './row-cursor';
import { type LaneWork, sessionDigestWork } from './session-digests';
import { startFromTokens } from './start-from-tokens';
import type { SynapseDigests } from './synapse-digests';
import { digestsAgree, hashesRecords, provenTable } from './table-digest';
import { type SessionTable, sessionTables, tableLayouts } from './table-layouts';

/** Two connections, each in a transaction that sees one consistent state of its side. */
export interface VerifySides {
  synapse: pg.Client;
  mas: pg.Client;
}

export interface CompareOptions {
  serverName: string;
  /** Synapse auth_provider → MAS upstream provider uuid. */
  providers: ReadonlyMap<string, string>;
  start: MigrationStart;
  signal?: AbortSignal;
  /** Called as each table starts, for progress. */
  onTable?: (table: string) => void;
  /** Adds rows Synapse's tables alone do not give (SPEC §11: the directory's links), in key order, to a table. */
  expectedRows?: Partial<Record<MasTable, (rows: AsyncIterable<string[]>) => AsyncIterable<string[]>>>;
  /** Synapse's digests, computed ahead with the known start (migrate --verify: synapse-digests.ts). */
  synapseDigests?: SynapseDigests;
}

/**
 * Settings for each side's read transaction: memory for the sorts and
 * hashes, and no nested loops. The comparison reads whole tables, where hash
 * and merge joins always win, and the planner's estimates of the user-ID
 * rules are far too low (it would loop over millions of rows by index). At a
 * million users MAS's sessions no longer fit a 64 MB hash (PostgreSQL allows
 * hash tables twice work_mem): a token digest joining them spilled to disk
 * in four batches and took 6.2 s, against 5.1 – 5.3 s in memory (measured).
 * No parallel workers: the merge consumes each stream at its own pace, and
 * the lanes already keep the cores busy, so workers would only add CPU.
 */
export async function tuneForWholeTables(client: pg.Client): Promise<void> {
  await client.query(
    `SET LOCAL work_mem = '${wholeTableWorkMem}'; SET LOCAL enable_nestloop = off; SET LOCAL max_parallel_workers_per_gather = 0`,
  );
}

/** Memory for each sort and hash of a whole-table read (as the migration's readers and rebuild take theirs). */
const wholeTableWorkMem = '160MB';

/**
 * The MAS tables: the session side's three together, device by device, each
 * side streamed once in key order; every other table by digests, row by
 * row only when they differ. Each lane (a pair of connections seeing the
 * same snapshot) takes the next work left, the session side first as the
 * biggest; the results come in the tables' own order.
 *
 * The session side is the longest, and its rows flow only once both sides
 * have sorted them: the other lanes start once they flow, so those sorts
 * have the CPU to themselves, and the rest of the work runs while this
 * process compares the session rows. Once the migration start is known
 * (told by migrate --verify, which computed Synapse's half ahead, or read
 * back from MAS), the session side is proven by digests too
 * (session-digests.ts), and compared row by row only if one of them differs.
 */
export async function compareTables(lanes: readonly VerifySides[], options: CompareOptions): Promise<TableVerification[]> {
  const { tables, synapseHasTokens } = await comparedTables(lanes[0]!);
  const { synapse } = lanes[0]!;
  const ctx = expectedContext(synapse, options.serverName, options.providers, synapseHasTokens);
  const isSession = (table: MasTable) => (sessionTables as readonly MasTable[]).includes(table);
  // The session side by digests once the start is known: told (migrate --verify), or read back from MAS.
  const ahead = sessionTables.every((t) => options.synapseDigests?.has(t)) ? options.synapseDigests : undefined;
  if (!ahead && options.start.known() === undefined) {
    const start = await startFromTokens(lanes[0]!);
    if (start !== undefined) options.start.learn(start);
  }
  const known = options.start.known();
  // On a MAS server older than PostgreSQL 14 the session side is compared row by row.
  const masRecords = known !== undefined && (await hashesRecords(lanes[0]!.mas));
  const digests = masRecords ? sessionDigestWork(options.serverName, known, ahead, options.onTable) : undefined;
  // The other tables' digests hash rows in their types where both servers can (table-digest.ts).
  const records = masRecords && (await hashesRecords(synapse));
  let streaming!: () => void;
  const sessionsFlow = new Promise<void>((resolve) => {
    streaming = resolve;
  });
  const compareSessionSide = async (sides: VerifySides) => {
    try {
      return await compareSessions(sides, ctx.serverSuffix, options, streaming);
    } finally {
      streaming();
    }
  };
  if (digests) streaming();
  const queue: LaneWork[] = [
    ...(digests?.work ?? [compareSessionSide]),
    ...tables
      .filter((t) => !isSession(t))
      .map(
        (table): LaneWork =>
          async (sides) => [await compareTable(sides, table, ctx, options, records)],
      ),
  ];
  const results: TableVerification[] = [];
  await Promise.all(
    lanes.map(async (sides, lane) => {
      if (lane > 0) await sessionsFlow;
      try {
        for (let work = queue.shift(); work; work = queue.shift()) {
          options.signal?.throwIfAborted();
          results.push(...(await work(sides)));
        }
      } catch (error) {
        // The other lane starts no new work.
        queue.length = 0;
        throw error;
      }
    }),
  );
  // A session digest that differs: the three tables row by row, to say where.
  if (digests) results.push(...((await digests.proven()) ?? (await compareSessionSide(lanes[0]!))));
  return tables.map((table) => results.find((r) => r.table === table)!);
}

async function compareTable(
  sides: VerifySides,
  table: MasTable,
  ctx: ExpectedContext,
  options: CompareOptions,
  records: boolean,
): Promise<TableVerification> {
  options.signal?.throwIfAborted();
  options.onTable?.(table);
  const layout = tableLayouts[table];
  const extra = options.expectedRows?.[table];
  if (!extra) {
    const ahead = options.synapseDigests?.get(table);
    const agreed = await digestsAgree(sides, table as Exclude<MasTable, SessionTable>, ctx, options.start, records, ahead);
    if (agreed !== undefined) return provenTable(table, agreed);
  }
  const rows = streamRows(sides.synapse, expectedRowsSql(layout, ctx));
  const expected = new RowCursor(extra?.(rows) ?? rows, layout.keys.length, `Synapse's ${table} rows`);
  const found = new RowCursor(streamRows(sides.mas, masRowsSql(layout)), layout.keys.length, `MAS's ${table}`);
  const tally = new DifferenceTally(layout, options.serverName);
  try {
    await mergeCompare(expected, found, tally, options.start, options.signal);
  } catch (error) {
    // A COPY left half-read would hold its connection (the run's own, inside migrate --verify) forever.
    if (!options.signal?.aborted) await Promise.allSettled([expected.drain(), found.drain()]);
    throw error;
  }
  return tally.result();
}
