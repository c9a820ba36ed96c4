import { type CopyRow, compareBytes, copyBytes } from './copy-binary';

/** A field's bytes (a user or device ID) held while the rows it came in move on. */
export class HeldKey {
  bytes = Buffer.allocUnsafe(256);
  /** -1: NULL (the deviceless tokens' device); -2: nothing held. */
  length = -2;

  get held(): boolean {
    return this.length !== -2;
  }

  get isNull(): boolean {
    return this.length === -1;
  }

  clear(): void {
    this.length = -2;
  }

  hold(row: CopyRow, i: number): void {
    this.length = row.length[i]!;
    if (this.length > this.bytes.length) this.bytes = Buffer.allocUnsafe(2 * this.length);
    if (this.length > 0) copyBytes(row.buf, row.start[i]!, this.length, this.bytes, 0);
  }

  /** Field `i` of `row` against this key. */
  compare(row: CopyRow, i: number): number {
    return compareBytes(row.buf, row.start[i]!, row.length[i]!, this.bytes, 0, this.length);
  }
}
