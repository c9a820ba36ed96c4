/**
 * A query's columns by name: each name's value is the column's position in
 * the tuple, so a mapper reads `row.text(columns.reason)` (a constant
 * property load, nothing per row), and `selectList` writes the SELECT list
 * from the same names, in the same order. Names are identifiers (a name
 * that looks like an integer would change the object's key order).
 */
export type ColumnMap<N extends string> = { readonly [K in N]: number };

export function columnMap<const N extends string>(names: readonly N[]): ColumnMap<N> {
  return Object.freeze(Object.fromEntries(names.map((name, i) => [name, i]))) as ColumnMap<N>;
}

/** Each column's SQL, in the map's order (every column given once, by name). */
export function selectSql<N extends string>(columns: ColumnMap<N>, sql: { readonly [K in N]: string }): string[] {
  return (Object.keys(columns) as N[]).map((name) => sql[name]);
}

/** The SELECT list of those. */
export function selectList<N extends string>(columns: ColumnMap<N>, sql: { readonly [K in N]: string }): string {
  return selectSql(columns, sql).join(', ');
}
