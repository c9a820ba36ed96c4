import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { pauseConstraints, rebuildMaintenanceWorkMem, rebuildSteps, unpauseTables } from '../../src-main/engine/migration/constraint-pause';
import { entityStages } from '../../src-main/engine/migration/mapping';
import { type MasTable, masTableColumns, masTables, pausedName } from '../../src-main/engine/migration/mas-tables';
import { quoteIdent } from '../../src-main/engine/migration/pg-helpers';
import { readerWorkMem } from '../../src-main/engine/migration/synapse-reader';
import { withClient } from '../helpers/pg-clients';

export interface FloorTimes {
  readMs: number;
  loadMs: number;
  rebuildMs: number;
  totalMs: number;
  /** Server CPU time of the three timed phases, when the server's processes are visible. */
  cpuMs?: number;
}

export interface FloorInput {
  serverName: string;
  synapseUrl: string;
  /** The migrated MAS database: the rows to load. */
  masUrl: string;
  /** An empty MAS database (fixture schema) to load them into. */
  floorUrl: string;
  serverCpuMs?: () => number;
}

/**
 * PostgreSQL alone doing the migration's work: read the engine's own stage
 * queries (concurrently, with the engine readers' work_mem, output
 * discarded), bulk-load the rows the migration wrote into the paused
 * (index-free) tables of a second MAS database (all tables at once, each
 * writer committing at the end), and rebuild the same indexes and
 * constraints with the engine's own rebuild steps. The rows are dumped to
 * files first, untimed, so the load is pure COPY FROM.
 */
export async function measureFloor(input: FloorInput): Promise<FloorTimes> {
  const dir = await mkdtemp(join(tmpdir(), 'mas-migrator-floor-'));
  try {
    await Promise.all(masTables.map((t) => dumpTable(input.masUrl, t, join(dir, t))));
    let cpuMs = 0;
    const timed = async (fn: () => Promise<unknown>) => {
      const cpu0 = input.serverCpuMs?.() ?? 0;
      const t0 = performance.now();
      await fn();
      const ms = performance.now() - t0;
      cpuMs += (input.serverCpuMs?.() ?? 0) - cpu0;
      return ms;
    };
    const readMs = await timed(() => Promise.all(entityStages.map((stage) => readStage(input, stage.sql.bind(stage)))));
    await copyBetween(input.masUrl, input.floorUrl, 'upstream_oauth_providers'); // what the links' foreign key needs
    const schema = await withClient(input.floorUrl, async (c) => {
      await c.query('BEGIN');
      const paused = await pauseConstraints(c);
      await c.query('COMMIT');
      return paused;
    });
    const loadMs = await timed(() => loadAll(input.floorUrl, dir));
    const rebuildMs = await timed(() =>
      withClient(input.floorUrl, async (c) => {
        await c.query('BEGIN');
        await c.query(`SET LOCAL maintenance_work_mem = '${rebuildMaintenanceWorkMem}'`);
        for (const step of rebuildSteps(schema)) await c.query(step.sql);
        await unpauseTables(c);
        await c.query('COMMIT');
      }),
    );
    return { readMs, loadMs, rebuildMs, totalMs: readMs + loadMs + rebuildMs, ...(input.serverCpuMs ? { cpuMs } : {}) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const columnList = (table: MasTable) => masTableColumns[table].map(quoteIdent).join(', ');

function dumpTable(url: string, table: MasTable, file: string): Promise<void> {
  return withClient(url, (c) =>
    pipeline(c.query(copyTo(`COPY (SELECT ${columnList(table)} FROM ${quoteIdent(table)}) TO STDOUT`)), createWriteStream(file)),
  );
}

function copyBetween(fromUrl: string, toUrl: string, table: string): Promise<void> {
  return withClient(fromUrl, (from) =>
    withClient(toUrl, (to) =>
      pipeline(from.query(copyTo(`COPY ${quoteIdent(table)} TO STDOUT`)), to.query(copyFrom(`COPY ${quoteIdent(table)} FROM STDIN`))),
    ),
  );
}

function readStage(input: FloorInput, sql: (serverSuffix: string) => string): Promise<void> {
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  return withClient(input.synapseUrl, async (c) => {
    await c.query(`SET work_mem = '${readerWorkMem}'`); // as the engine's readers
    await pipeline(c.query(copyTo(`COPY (${sql(c.escapeLiteral(`:${input.serverName}`))}) TO STDOUT`)), discard);
  });
}

/** One connection and transaction per table, committed only once every table is loaded (as the engine's writers). */
async function loadAll(url: string, dir: string): Promise<void> {
  const clients = await Promise.all(
    masTables.map(async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  try {
    await Promise.all(
      masTables.map(async (table, i) => {
        const c = clients[i]!;
        await c.query('BEGIN');
        await pipeline(
          createReadStream(join(dir, table)),
          c.query(copyFrom(`COPY ${quoteIdent(pausedName(table))} (${columnList(table)}) FROM STDIN`)),
        );
      }),
    );
    for (const c of clients) await c.query('COMMIT');
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}
