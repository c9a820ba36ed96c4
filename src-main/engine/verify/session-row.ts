import type { CopyRow } from '../../connect/postgres/copy-binary';
import { lastMs } from './expected-rows';
import { expectedSessionIp, printedIpv4 } from './ip-address';

/**
 * One row of a session table (its TableLayout's columns) as the session
 * rules work it out (session-side.ts), each value held as it came: a text
 * as a view on Synapse's COPY bytes, a time as Synapse's milliseconds. So a
 * digest hashes the bytes with no string made (session-digests.ts), and
 * only the row comparison prints them (compare-sessions.ts). Reused from
 * row to row: a sink reads it before the rules fill it again.
 */

/** How a value is held (`kinds`). */
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
  /** An IPv4 address as its printed bytes (as `bytes`), the address itself in `numbers` (unsigned 32 bits). */
  ipv4: 8,
  /** An IP address in canonical form: `strings`. */
  ip: 9,
} as const;

/** Whether a Synapse millisecond time can be written (else: missing, or unknown and so the start). */
const inRange = (ms: number | null): ms is number => ms !== null && ms >= 0 && ms <= lastMs;

export class SessionRow {
  /** The session table (its index in sessionTables). */
  table = 0;
  length = 0;
  readonly kinds = new Uint8Array(16);
  readonly numbers = new Float64Array(16);
  readonly bufs: Buffer[] = [];
  readonly starts = new Int32Array(16);
  readonly lengths = new Int32Array(16);
  readonly strings: string[] = [];

  begin(table: number): this {
    this.table = table;
    this.length = 0;
    return this;
  }

  null(): this {
    this.kinds[this.length++] = valueKind.null;
    return this;
  }

  /** Column `i` of a COPY row, NULL kept. */
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

  /** A device's last IP, column `i` of a COPY row, as MAS must hold it (ip-address.ts). */
  ip(row: CopyRow, i: number): this {
    const address = printedIpv4(row.buf, row.start[i]!, row.length[i]!);
    if (address < 0) {
      const ip = expectedSessionIp(row.text(i));
      if (ip === null) return this.null();
      this.strings[this.length] = ip;
      this.kinds[this.length++] = valueKind.ip;
      return this;
    }
    // A plain IPv4 address is its own canonical text: kept as its bytes.
    this.field(row, i);
    this.kinds[this.length - 1] = valueKind.ipv4;
    this.numbers[this.length - 1] = address;
    return this;
  }

  string(value: string | null): this {
    if (value === null) return this.null();
    this.strings[this.length] = value;
    this.kinds[this.length++] = valueKind.string;
    return this;
  }

  bool(flag: boolean | null): this {
    if (flag === null) return this.null();
    this.numbers[this.length] = flag ? 1 : 0;
    this.kinds[this.length++] = valueKind.bool;
    return this;
  }

  /** A Synapse millisecond time; NULL when missing or out of range. */
  time(ms: number | null): this {
    if (!inRange(ms)) return this.null();
    this.numbers[this.length] = ms;
    this.kinds[this.length++] = valueKind.time;
    return this;
  }

  /** …or the migration start instead. */
  timeOrStart(ms: number | null): this {
    if (!inRange(ms)) {
      this.kinds[this.length++] = valueKind.start;
      return this;
    }
    return this.time(ms);
  }

  /** A ULID's time: that of `ms` as timeOrStart takes it (a row's ULID carries its created_at, SPEC §5.1). */
  ulidTime(ms: number | null): this {
    if (!inRange(ms)) this.kinds[this.length++] = valueKind.ulidStart;
    else {
      this.numbers[this.length] = ms;
      this.kinds[this.length++] = valueKind.ulidTime;
    }
    return this;
  }
}

/** Where the rules put each row they work out. */
export type SessionRowSink = (row: SessionRow) => void;
