import ipaddr from 'ipaddr.js';
import type { CopyRow } from '../../connect/postgres/copy-binary';
import { expectedSessionIp, printedIpv4 } from './ip-address';
import { type RecordHashSum, timestampOfMicros } from './record-hash-sum';
import { type SessionRowOut, writableMs } from './session-row';

/**
 * Each row the rules give hashed into its table's sum as it comes, value by
 * value, never held (session-digests.ts), each as MAS's digest query gives
 * its column (masSessionSelect): the user ID as its localpart (MAS's
 * username; the rules give rows of `serverName`'s own users only), texts as
 * text, times as timestamptz, a ULID's time as its first six bytes, flags
 * as bool, an IP as inet; the migration start (`start`, microseconds) where
 * Synapse knows no time.
 */
export class HashedRow implements SessionRowOut {
  readonly #sums: readonly RecordHashSum[];
  readonly #startTime: ReturnType<typeof timestampOfMicros>;
  readonly #startMs: number;
  /** '@' before the localpart, ':server_name' after it. */
  readonly #around: number;
  #sum!: RecordHashSum;
  /** The row's next column. */
  #column = 0;

  constructor(sums: readonly RecordHashSum[], start: string, serverName: string) {
    this.#sums = sums;
    this.#startTime = timestampOfMicros(start);
    this.#startMs = start.length > 3 ? Number(start.slice(0, -3)) : 0;
    this.#around = 1 + Buffer.byteLength(`:${serverName}`);
  }

  begin(table: number): this {
    this.#sum = this.#sums[table]!;
    this.#sum.beginRow();
    this.#column = 0;
    return this;
  }

  null(): this {
    this.#column++;
    this.#sum.nullValue();
    return this;
  }

  field(row: CopyRow, i: number): this {
    const n = row.length[i]!;
    if (n < 0) return this.null();
    // The first column is the user ID.
    if (this.#column++ === 0) this.#sum.bytes(row.buf, row.start[i]! + 1, n - this.#around);
    else this.#sum.bytes(row.buf, row.start[i]!, n);
    return this;
  }

  ip(row: CopyRow, i: number): this {
    const address = printedIpv4(row.buf, row.start[i]!, row.length[i]!);
    if (address >= 0) {
      this.#column++;
      this.#sum.ipv4(address);
      return this;
    }
    const ip = expectedSessionIp(row.text(i));
    if (ip === null) return this.null();
    this.#column++;
    this.#sum.inet(ipaddr.parse(ip).toByteArray());
    return this;
  }

  bool(flag: boolean | null): this {
    if (flag === null) return this.null();
    this.#column++;
    this.#sum.bool(flag);
    return this;
  }

  time(ms: number | null): this {
    if (!writableMs(ms)) return this.null();
    this.#column++;
    this.#sum.timestampMs(ms);
    return this;
  }

  timeOrStart(ms: number | null): this {
    if (writableMs(ms)) return this.time(ms);
    this.#column++;
    this.#sum.timestamp(this.#startTime);
    return this;
  }

  ulidTime(ms: number | null): this {
    this.#column++;
    this.#sum.ulidMs(writableMs(ms) ? ms : this.#startMs);
    return this;
  }

  end(): void {
    this.#sum.endRow();
  }
}
