import type pg from 'pg';
import type { DatabaseConnector } from '../../connect/postgres/pg-helpers';
import { backendPid, closeQuietly, connect } from '../../connect/postgres/pg-helpers';
import { optionalSynapseTables } from '../../../src-shared/domain/migration-tables';
import { lockSynapseTable, type SynapseLockMode } from './lock-synapse-table';
import type { OptionalSynapseTable } from './synapse-optional-tables';
import { type SynapseTable, synapseTables } from './synapse-tables';

/**
 * Memory for each sort and hash of the stage reads and scans (PostgreSQL
 * allows hash tables twice this): the refresh tokens are sorted into the
 * merge's order (Synapse has no index in it), every stream is on a database
 * whose IDs do not sort as bytes, and the integrity scan hashes users; less
 * spills them to disk in batches at a million users.
 */
export const readerWorkMem = '128MB';

/**
 * The Synapse side of a run (SPEC §4.1): one SERIALIZABLE READ ONLY
 * DEFERRABLE transaction holding the table locks; its snapshot is exported so
 * each stage can stream through its own connection at the very same
 * snapshot. Nothing here ever writes to Synapse.
 */
export class SynapseSnapshot {
  readonly pids: number[] = [];
  readonly #readers = new Set<pg.Client>();
  /** Readers whose transaction ended cleanly, kept for the next: a connection costs the server about 5 ms of CPU. */
  readonly #idle: pg.Client[] = [];

  private constructor(
    readonly client: pg.Client,
    readonly snapshotId: string,
    readonly database: DatabaseConnector,
  ) {}

  /**
   * The snapshot on `client`, a connection outside a transaction (a run inspects the schema on it first), closed on
   * failure. `EXCLUSIVE` for a real run (Synapse must be stopped); a dry run only takes ACCESS SHARE so Synapse may keep running.
   */
  static async on(
    client: pg.Client,
    database: DatabaseConnector,
    lockMode: SynapseLockMode,
    optionalTables: readonly OptionalSynapseTable[],
    signal?: AbortSignal,
  ): Promise<SynapseSnapshot> {
    // DEFERRABLE may wait for a safe snapshot while Synapse is busy (dry run): a cancel must not wait with it.
    const onAbort = () => void closeQuietly(client);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      signal?.throwIfAborted();
      await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY DEFERRABLE');
      // The integrity scan hashes users (see readerWorkMem).
      await client.query(`SET LOCAL work_mem = '${readerWorkMem}'`);
      // Registration tokens too, when this Synapse has them: a registration completing mid-run changes them.
      // (Which it has is asked before: a query here would fix the snapshot before every table is locked.)
      for (const table of [...synapseTables, ...optionalTables]) await lockSynapseTable(client, database, table, lockMode);
      const { rows } = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
      const snapshot = new SynapseSnapshot(client, rows[0]!.id, database);
      snapshot.pids.push(await backendPid(client));
      return snapshot;
    } catch (error) {
      await closeQuietly(client);
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Planner estimates (pg_class.reltuples), never count(*): the totals shown by the progress display. */
  async estimates(): Promise<Record<SynapseTable | OptionalSynapseTable, number>> {
    const tables = [...synapseTables, ...optionalSynapseTables];
    const { rows } = await this.client.query<{ relname: string; n: number }>(
      `SELECT c.relname, greatest(c.reltuples, 0)::float8 AS n FROM pg_class c
       WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.relname = ANY($1)`,
      [tables],
    );
    const out = Object.fromEntries(tables.map((t) => [t, 0])) as Record<SynapseTable | OptionalSynapseTable, number>;
    for (const r of rows) out[r.relname as SynapseTable | OptionalSynapseTable] = Math.round(r.n);
    return out;
  }

  /** A further connection reading at the same snapshot (one a reader left, if any). */
  async openReader(): Promise<pg.Client> {
    const client = this.#idle.pop() ?? (await this.#connectReader());
    this.#readers.add(client);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(`SET TRANSACTION SNAPSHOT '${this.snapshotId.replace(/'/g, "''")}'`);
    // Sorts of whole tables (see readerWorkMem).
    await client.query(`SET LOCAL work_mem = '${readerWorkMem}'`);
    return client;
  }

  async #connectReader(): Promise<pg.Client> {
    const client = await connect('Synapse', this.database, 'reader');
    this.#readers.add(client); // closed with the others should what follows fail
    this.pids.push(await backendPid(client));
    return client;
  }

  /** `clean`: the reader finished its query (after a failure mid-COPY, only closing the connection is safe); it is then kept for the next. */
  async closeReader(client: pg.Client, clean: boolean): Promise<void> {
    this.#readers.delete(client);
    const ended =
      clean &&
      (await client.query('COMMIT').then(
        () => true,
        () => false,
      ));
    if (ended) this.#idle.push(client);
    else await closeQuietly(client);
  }

  /** Ends the read transaction (SPEC §4.4: last of all) and every connection. */
  async close(): Promise<void> {
    await Promise.all([...this.#readers, ...this.#idle.splice(0)].map(closeQuietly));
    this.#readers.clear();
    await this.client.query('COMMIT').catch(() => {});
    await closeQuietly(this.client);
  }
}
