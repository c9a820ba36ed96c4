import type { Duplex } from 'node:stream';
import type pg from 'pg';
import type { CopyRow } from './copy-binary';
import { CopyOutParser } from './copy-out-parser';

/**
 * The `pg` major versions this adapter was checked against (8.x, last 8.23.1). It relies on what pg does not
 * document: a query object's `submit(connection)` receives the protocol connection, whose `stream` has exactly one
 * 'data' listener (pg's own parser), and pg then routes the query's outcome to `handleError`,
 * `handleCommandComplete` and `handleReadyForQuery`. A test fails when another major version is installed.
 */
export const pgMajorsChecked: readonly number[] = [8];

/** What pg gives a query object it submits: the protocol connection and its socket. */
interface PgConnection {
  stream: Duplex;
  query(text: string): void;
}

/** Chunks waiting before the socket is paused (backpressure: PostgreSQL waits while the caller is behind). */
const maxQueued = 2;

/**
 * A `COPY (SELECT …) TO STDOUT (FORMAT binary)` as a pg query object, the
 * adapter of CopyOutParser on pg's private socket listeners: while
 * it runs it reads the connection's socket itself (as pg-copy-streams does,
 * without a buffer per message) and hands the rest of the conversation back
 * to pg at CopyDone or at an ErrorResponse, whose error pg then reports
 * through `handleError`. Rows: `while (copy.next()) use(copy.row)`, then
 * `await copy.more()` (false once the COPY has ended; it rejects with the
 * query's or the connection's error).
 */
export class CopyOut {
  readonly #parser = new CopyOutParser();
  readonly #errorListeners: ((error: unknown) => void)[] = [];
  #connection?: PgConnection;
  #pgOnData?: (chunk: Buffer) => void;
  #paused = false;
  #error: unknown;
  #failed = false;
  #wake?: () => void;

  constructor(readonly text: string) {}

  /** The current tuple: valid until the next call to `next()`. */
  get row(): CopyRow {
    return this.#parser.row;
  }

  /** The COPY has ended and pg has the connection back. */
  get ended(): boolean {
    return this.#parser.state === 'done' && !this.#pgOnData && !this.#failed;
  }

  next(): boolean {
    if (this.#parser.next()) return true;
    if (this.#parser.state === 'copying') this.#resume();
    else if (this.#pgOnData) this.#handBack();
    return false;
  }

  /** Waits for more bytes: true when `next()` may have tuples again, false when the COPY has ended. */
  more(): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const settle = () => {
        if (this.#failed) reject(this.#error);
        else if (this.ended) resolve(false);
        else if (this.#parser.queued > 0) resolve(true);
        else return false;
        this.#wake = undefined;
        return true;
      };
      if (!settle()) this.#wake = settle;
    });
  }

  /** pg-helpers tags errors with their database through this, as with pg's own queries. */
  on(_event: 'error', listener: (error: unknown) => void): this {
    this.#errorListeners.push(listener);
    return this;
  }

  /** Called by pg when the query's turn comes (an error returned is given back to `handleError`). */
  submit(connection: PgConnection): Error | undefined {
    this.#connection = connection;
    const stream = connection.stream;
    const listeners = stream.listeners('data') as ((chunk: Buffer) => void)[];
    if (listeners.length !== 1) return new Error(`pg's connection has ${listeners.length} data listeners, not one`);
    this.#pgOnData = listeners[0];
    stream.removeListener('data', this.#pgOnData!);
    stream.on('data', this.#onData);
    connection.query(this.text);
    return undefined;
  }

  /** Called by pg: the server's error (after `#handBack`), or the connection's. */
  handleError(error: unknown): void {
    for (const listener of this.#errorListeners) listener(error);
    this.#failed = true;
    this.#error = error;
    this.#wake?.();
  }

  handleCommandComplete(): void {}

  handleReadyForQuery(): void {}

  readonly #onData = (chunk: Buffer): void => {
    this.#parser.push(chunk);
    if (this.#parser.queued >= maxQueued && !this.#paused) {
      this.#paused = true;
      this.#connection!.stream.pause();
    }
    this.#wake?.();
  };

  #resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#connection!.stream.resume();
  }

  /** The COPY stopped: pg reads the rest (the error, CommandComplete, ReadyForQuery) from here on. */
  #handBack(): void {
    const stream = this.#connection!.stream;
    const pgOnData = this.#pgOnData!;
    this.#pgOnData = undefined;
    stream.removeListener('data', this.#onData);
    stream.on('data', pgOnData);
    for (const bytes of this.#parser.takeRest()) pgOnData(bytes);
    this.#resume();
    if (this.#parser.state === 'done' && !this.#parser.complete) this.handleError(new Error('the COPY stream ended mid-row'));
  }
}

/** The rows of a SELECT as binary COPY tuples, read in place (see CopyOut). */
export function copyOut(client: pg.Client, select: string): CopyOut {
  return client.query(new CopyOut(`COPY (${select}) TO STDOUT (FORMAT binary)`));
}

/** Every tuple through `onRow`; `between` runs after each batch of received bytes (flushes, progress, cancel checks). */
export async function eachRow(copy: CopyOut, onRow: (row: CopyRow) => void, between?: () => Promise<void> | void): Promise<void> {
  for (;;) {
    while (copy.next()) onRow(copy.row);
    await between?.();
    if (!(await copy.more())) return;
  }
}
