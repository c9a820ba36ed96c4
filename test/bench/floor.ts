import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import {
  pauseConstraints,
  planSteps,
  rebuildMaintenanceWorkMem,
  rebuildPlan,
  unpauseTables,
} from '../../src-main/engine/mas/constraint-pause';
import { type MasTable, masTableColumns, masTables, pausedName } from '../../src-main/engine/mas/mas-tables';
import { quoteIdent } from '../../src-main/connect/postgres/pg-helpers';
import { optionalSynapseTableColumns } from '../../src-main/engine/synapse/synapse-optional-tables';
import { synapseTableColumns } from '../../src-main/engine/synapse/synapse-tables';
import { withClient } from '../helpers/pg-clients';
import { between, type ClockReading, readClock } from './server-cpu';

export interface FloorRun {
  read: ClockReading;
  load: ClockReading;
  build: ClockReading;
  total: ClockReading;
  indexes: number;
  constraints: number;
}

export interface FloorInput {
  synapseUrl: string;
  /** The migrated MAS database: the rows to load. */
  masUrl: string;
  /** An empty MAS database (same schema) to load them into. */
  floorUrl: string;
  serverDataDir?: string;
}

/**
 * The strict floor of DESIGN.md: the least PostgreSQL must do for this
 * migration, on one connection, one step after the other. Read each of the
 * Synapse tables (the six, and registration_tokens) once with a plain `COPY
 * (SELECT columns FROM table)` (no joins: joins are the engine's choice), COPY
 * the rows the migration wrote into index-free copies of the nine tables (one transaction), then
 * build the same indexes and constraints (one transaction). The rows are
 * dumped to files first, untimed, so the load is pure COPY FROM. CPU time is
 * PostgreSQL's plus this process's, which drives the floor's connection as
 * the migrating process drives the migration's.
 */
export async function measureFloor(input: FloorInput): Promise<FloorRun> {
  const dir = await mkdtemp(join(tmpdir(), 'mas-migrator-floor-'));
  try {
    for (const table of masTables) await dumpTable(input.masUrl, table, join(dir, table));
    await copyProviders(input.masUrl, input.floorUrl); // what the links' foreign key needs
    const clock = () => readClock(input.serverDataDir);

    const t0 = clock();
    await withClient(input.synapseUrl, async (c) => {
      for (const [table, columnNames] of Object.entries({ ...synapseTableColumns, ...optionalSynapseTableColumns })) {
        const columns = columnNames.map(quoteIdent).join(', ');
        await pipeline(c.query(copyTo(`COPY (SELECT ${columns} FROM ${quoteIdent(table)}) TO STDOUT`)), discard());
      }
    });
    const t1 = clock();
    return await withClient(input.floorUrl, async (c) => {
      const schema = await inTransaction(c, () => pauseConstraints(c, masTables)); // catalog work the migration's set-up does too: untimed
      const t2 = clock();
      await inTransaction(c, async () => {
        for (const table of masTables) {
          await pipeline(
            createReadStream(join(dir, table)),
            c.query(copyFrom(`COPY ${quoteIdent(pausedName(table))} (${columnList(table)}) FROM STDIN`)),
          );
        }
      });
      const t3 = clock();
      const steps = planSteps(rebuildPlan(schema));
      await inTransaction(c, async () => {
        await c.query(`SET LOCAL maintenance_work_mem = '${rebuildMaintenanceWorkMem}'`);
        for (const step of steps) await c.query(step.sql);
        await unpauseTables(c, masTables);
      });
      const t4 = clock();
      const read = between(t0, t1);
      const load = between(t2, t3);
      const build = between(t3, t4);
      return {
        read,
        load,
        build,
        total: sum([read, load, build]),
        indexes: schema.indices.length,
        constraints: schema.constraints.length,
      };
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function sum(readings: ClockReading[]): ClockReading {
  const add = (key: keyof ClockReading) => readings.reduce((n, r) => n + (r[key] ?? 0), 0);
  return {
    wallMs: add('wallMs'),
    processCpuMs: add('processCpuMs'),
    ...(readings.every((r) => r.serverCpuMs !== undefined) ? { serverCpuMs: add('serverCpuMs'), serverFaults: add('serverFaults') } : {}),
  };
}

async function inTransaction<T>(c: pg.Client, fn: () => Promise<T>): Promise<T> {
  await c.query('BEGIN');
  const result = await fn();
  await c.query('COMMIT');
  return result;
}

const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

const columnList = (table: MasTable) => masTableColumns[table].map(quoteIdent).join(', ');

function dumpTable(url: string, table: MasTable, file: string): Promise<void> {
  return withClient(url, (c) =>
    pipeline(c.query(copyTo(`COPY (SELECT ${columnList(table)} FROM ${quoteIdent(table)}) TO STDOUT`)), createWriteStream(file)),
  );
}

function copyProviders(fromUrl: string, toUrl: string): Promise<void> {
  return withClient(fromUrl, (from) =>
    withClient(toUrl, (to) =>
      pipeline(
        from.query(copyTo('COPY upstream_oauth_providers TO STDOUT')),
        to.query(copyFrom('COPY upstream_oauth_providers FROM STDIN')),
      ),
    ),
  );
}
