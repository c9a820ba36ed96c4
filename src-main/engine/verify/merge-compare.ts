import { compareKeys } from './key-order';
import { expectedSessionIp, foundSessionIp } from './ip-address';
import type { MigrationStart } from './migration-start';
import type { DifferenceTally } from './difference-tally';
import type { RowCursor } from './row-cursor';
import type { FieldSpec } from './table-layouts';
import { unescapeCopyField } from './copy-text';
import { startMarker } from './expected-rows';

/**
 * Merges the two sorted streams of one table: a key only Synapse has is
 * missing from MAS, a key only MAS has is unexpected, and a key both have is
 * compared field by field. Memory holds one row per side, whatever the size.
 */
export async function mergeCompare(
  expected: RowCursor,
  found: RowCursor,
  tally: DifferenceTally,
  start: MigrationStart,
  signal?: AbortSignal,
): Promise<void> {
  const fields = tally.layout.fields;
  const offset = tally.layout.keys.length;
  let hasExpected = await expected.advance();
  let hasFound = await found.advance();
  let steps = 0;
  while (hasExpected || hasFound) {
    const order = !hasExpected ? 1 : !hasFound ? -1 : compareKeys(expected.key, found.key);
    if (order < 0) {
      tally.missing(expected.row!);
      hasExpected = await expected.advance();
    } else if (order > 0) {
      tally.unexpected(found.row!);
      hasFound = await found.advance();
    } else {
      if (compareFields(expected.row!, found.row!, fields, offset, tally, start)) tally.matching++;
      hasExpected = await expected.advance();
      hasFound = await found.advance();
    }
    if (++steps % 65536 === 0) signal?.throwIfAborted();
  }
  tally.expected = expected.count;
  tally.found = found.count;
}

/** True when every field agrees; each field that does not is counted under its name. */
export function compareFields(
  expected: (string | null)[],
  found: (string | null)[],
  fields: readonly FieldSpec[],
  offset: number,
  tally: DifferenceTally,
  start: MigrationStart,
): boolean {
  let same = true;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    if (!sameValue(field, expected[offset + i] ?? null, found[offset + i] ?? null, start)) {
      same = false;
      tally.field(field.name, expected);
    }
  }
  return same;
}

function sameValue(field: FieldSpec, expected: string | null, found: string | null, start: MigrationStart): boolean {
  if (field.kind === 'time' && expected === startMarker) return start.matches(found);
  if (field.kind === 'ip') {
    return expectedSessionIp(expected === null ? null : unescapeCopyField(expected)) === foundSessionIp(found);
  }
  return expected === found;
}
