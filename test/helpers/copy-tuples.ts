import { CopyRows } from '../../src-main/connect/postgres/copy-binary';

/** A text field, or NULL. */
export type TupleValue = string | null;

/** One binary COPY tuple of text fields, as PostgreSQL sends it. */
export function tupleBytes(row: TupleValue[]): Buffer {
  const out = new CopyRows();
  out.row(row.length);
  for (const v of row) {
    if (v === null) out.null();
    else out.text(v);
  }
  return out.take()!;
}
