import type { CopyRow } from '../../connect/postgres/copy-binary';
import { lastMs } from './expected-rows';
import { expectedSessionIp, printedIpv4 } from './ip-address';

/**
 * Where the session rules (session-side.ts) put each row of a session table
 * they work out, value by value in its TableLayout's columns: `begin`, one
 * call per column, `end`. A digest hashes each value as it comes
 * (hashed-row.ts); the row comparison holds the row to print it (SessionRow).
 */
export interface SessionRowOut {
  /** A row of the session table `table` (its index in sessionTables). */
  begin(table: number): this;
  null(): this;
  /** Column `i` of a COPY row, NULL kept. */
  field(row: CopyRow, i: number): this;
  /** A device's last IP, column `i` of a COPY row, as MAS must hold it (ip-address.ts). */
  ip(row: CopyRow, i: number): this;
  bool(flag: boolean | null): this;
  /** A Synapse millisecond time; NULL when missing or out of range. */
  time(ms: number | null): this;
  /** …or the migration start instead. */
  timeOrStart(ms: number | null): this;
  /** A ULID's time: that of `ms` as timeOrStart takes it (a row's ULID carries its created_at, SPEC §5.1). */
  ulidTime(ms: number | null): this;
  end(): void;
}

/** Whether a Synapse millisecond time can be written (else: missing, or unknown and so the start). */
export const writableMs = (ms: number | null): ms is number => ms !== null && ms >= 0 && ms <= lastMs;

/** How SessionRow holds a value (`kinds`). */
export const valueKind = {
  null: 0,
  /** Bytes of a COPY row: `bufs`, `starts`, `lengths`. */
  bytes: 1,
  /** A string: `strings`. */
  string: 2,
  /** Whole milliseconds since the epoch: `numbers`. */
  time: 3,
  /** The migration start (SPEC §5: a time Synapse does not know). */
  start: 4,
  /** A ULID's time, the milliseconds in `numbers`. */
  ulidTime: 5,
  /** A ULID's time that is the migration start. */
  ulidStart: 6,
  /** 1 or 0 in `numbers`. */
  bool: 7,
} as const;

/**
 * One row as the rules work it out, for the row comparison
 * (compare-sessions.ts), each value held as it came: a text as a view on
 * Synapse's COPY bytes, a time as Synapse's milliseconds, so they are
 * printed only there. Reused from row to row: `sink` reads it at `end`,
 * before the rules fill it again.
 */
export class SessionRow implements SessionRowOut {
  /** The session table (its index in sessionTables). */
  table = 0;
  length = 0;
  readonly kinds = new Uint8Array(16);
  readonly numbers = new Float64Array(16);
  readonly bufs: Buffer[] = [];
  readonly starts = new Int32Array(16);
  readonly lengths = new Int32Array(16);
  readonly strings: string[] = [];

  constructor(readonly sink: (row: SessionRow) => void) {}

  begin(table: number): this {
    this.table = table;
    this.length = 0;
    return this;
  }

  null(): this {
    this.kinds[this.length++] = valueKind.null;
    return this;
  }

  field(row: CopyRow, i: number): this {
    const n = row.length[i]!;
    if (n < 0) return this.null();
    const k = this.length++;
    this.kinds[k] = valueKind.bytes;
    this.bufs[k] = row.buf;
    this.starts[k] = row.start[i]!;
    this.lengths[k] = n;
    return this;
  }

  ip(row: CopyRow, i: number): this {
    // A plain IPv4 address is its own canonical text: kept as its bytes.
    if (printedIpv4(row.buf, row.start[i]!, row.length[i]!) >= 0) return this.field(row, i);
    const ip = expectedSessionIp(row.text(i));
    if (ip === null) return this.null();
    this.strings[this.length] = ip;
    this.kinds[this.length++] = valueKind.string;
    return this;
  }

  bool(flag: boolean | null): this {
    if (flag === null) return this.null();
    this.numbers[this.length] = flag ? 1 : 0;
    this.kinds[this.length++] = valueKind.bool;
    return this;
  }

  time(ms: number | null): this {
    if (!writableMs(ms)) return this.null();
    this.numbers[this.length] = ms;
    this.kinds[this.length++] = valueKind.time;
    return this;
  }

  timeOrStart(ms: number | null): this {
    if (!writableMs(ms)) {
      this.kinds[this.length++] = valueKind.start;
      return this;
    }
    return this.time(ms);
  }

  ulidTime(ms: number | null): this {
    if (!writableMs(ms)) this.kinds[this.length++] = valueKind.ulidStart;
    else {
      this.numbers[this.length] = ms;
      this.kinds[this.length++] = valueKind.ulidTime;
    }
    return this;
  }

  end(): void {
    this.sink(this);
  }
}
