import type { ReactNode } from 'react';

export interface Column {
  label: string;
  /** Right-aligned counts and durations. */
  numeric?: boolean;
  /** Named for screen readers only (a column of buttons). */
  hiddenLabel?: boolean;
}

export interface TableProps {
  /** Omitted for a table of labelled rows with no header. */
  columns?: readonly Column[];
  /** The table's accessible name, when the panel around it does not give one. */
  label?: string;
  /** The rows (<tr>), each a row header or cells in column order. */
  children: ReactNode;
}

/** A data table in the app's style, its header cells scoped to their columns. */
export function Table({ columns, label, children }: TableProps) {
  return (
    <table className="table" aria-label={label}>
      {columns ? (
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.hiddenLabel ? <span className="visually-hidden">{c.label}</span> : c.label}
              </th>
            ))}
          </tr>
        </thead>
      ) : null}
      <tbody>{children}</tbody>
    </table>
  );
}
