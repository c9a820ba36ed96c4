/**
 * The order both sides of a comparison are streamed in: PostgreSQL's
 * `COLLATE "C"` (UTF-8 bytes, shorter first, which is Unicode code-point
 * order) with NULLS FIRST, column by column. The merge relies on JavaScript
 * ordering keys exactly as PostgreSQL sorted them.
 */

/** Code-point order of two strings (UTF-16 order differs from it only between a surrogate and U+E000–U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    // A surrogate stands for a code point above U+FFFF, so it outranks any other UTF-16 unit.
    if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

export type Key = readonly (string | null)[];

/** Tuple order of two keys of the same length, NULL before any value. */
export function compareKeys(a: Key, b: Key): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    const order = compareCodePoints(x, y);
    if (order !== 0) return order;
  }
  return 0;
}

/** The SQL ORDER BY that sorts like compareKeys. */
export function orderByKeys(columns: readonly string[]): string {
  return columns.map((c) => `${c} COLLATE "C" NULLS FIRST`).join(', ');
}
