import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { rebuildMaintenanceWorkMem } from './constraint-pause';
import { copyHeader, copyTrailer } from '../../connect/postgres/copy-binary';
import { type MasTable, masTableColumns, pausedName } from './mas-tables';
import { backendPid, closeQuietly, connect, quoteIdent } from '../../connect/postgres/pg-helpers';
import type { DatabaseConnector } from '../../connect/postgres/pg-helpers';

/** One bulk load (binary COPY) into a paused table; `write` waits when PostgreSQL is behind (backpressure). */
export interface TableSink {
  write(rows: Buffer): Promise<void>;
  end(): Promise<void>;
}

/**
 * The writer connections of SPEC §4.3: each holds its own transaction for the
 * whole run (its tables' rows, then their indexes) and is committed only
 * once every row is written. Stages borrow
 * as many writers as they have target tables; a stage waits until enough are
 * free, so a small pool still makes progress.
 */
export class WriterPool {
  readonly pids: number[] = [];
  readonly #free: pg.Client[] = [];
  readonly #all: pg.Client[] = [];
  readonly #waiting: { count: number; resolve: (writers: pg.Client[]) => void }[] = [];

  private constructor(readonly size: number) {}

  static async open(database: DatabaseConnector, size: number): Promise<WriterPool> {
    const pool = new WriterPool(Math.max(2, size));
    // All at once: each connection costs round trips and an authentication, and the run waits for the last.
    const opened = await Promise.allSettled(
      Array.from({ length: pool.size }, async () => {
        const client = await connect('MAS', database, 'writer');
        pool.#all.push(client);
        const pid = await backendPid(client);
        await client.query('BEGIN');
        // Each writer builds its tables' indexes in this transaction (see rebuildPlan).
        await client.query(`SET LOCAL maintenance_work_mem = '${rebuildMaintenanceWorkMem}'`);
        pool.pids.push(pid);
        pool.#free.push(client);
      }),
    );
    const failed = opened.find((o) => o.status === 'rejected');
    if (failed) {
      await pool.close();
      throw failed.reason;
    }
    return pool;
  }

  /** Waits for `count` free writers; gives up when the run is aborted. */
  async acquire(count: number, signal: AbortSignal): Promise<pg.Client[]> {
    signal.throwIfAborted();
    if (this.#free.length >= count) return this.#free.splice(0, count);
    return new Promise((resolve, reject) => {
      const waiter = {
        count,
        resolve: (writers: pg.Client[]) => {
          signal.removeEventListener('abort', onAbort);
          resolve(writers);
        },
      };
      const onAbort = () => {
        this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  /** First fit, not first come: a one-table stage need not wait behind a two-table one (a run has only six stages, none starves). */
  release(writers: pg.Client[]): void {
    this.#free.push(...writers);
    for (let i = 0; i < this.#waiting.length; ) {
      const waiter = this.#waiting[i]!;
      if (this.#free.length < waiter.count) {
        i++;
        continue;
      }
      this.#waiting.splice(i, 1);
      waiter.resolve(this.#free.splice(0, waiter.count));
    }
  }

  async commitAll(): Promise<void> {
    await Promise.all(this.#all.map((client) => client.query('COMMIT')));
  }

  /** Closing an open transaction's connection rolls it back. */
  async close(): Promise<void> {
    await Promise.all(this.#all.map((c) => closeQuietly(c)));
  }
}

export function openSink(writer: pg.Client, table: MasTable): TableSink {
  const columns = masTableColumns[table].map(quoteIdent).join(', ');
  const stream = writer.query(copyFrom(`COPY ${quoteIdent(pausedName(table))} (${columns}) FROM STDIN (FORMAT binary)`));
  const done = finished(stream);
  done.catch(() => {}); // observed by end(); avoids an unhandled rejection when write() fails first
  stream.write(copyHeader);
  return {
    async write(rows) {
      try {
        if (!stream.write(rows)) await Promise.race([once(stream, 'drain'), done]);
      } catch (error) {
        // Writing to a COPY whose connection ended throws a bare TypeError; the stream's own error says why.
        throw (
          (await Promise.race([
            done.then(
              () => undefined,
              (cause: unknown) => cause,
            ),
            sleep(100),
          ])) ?? error
        );
      }
    },
    async end() {
      stream.end(copyTrailer);
      await done;
    },
  };
}
