import type { TableVerification } from '../../../src-shared/domain/verification';
import type { CompareOptions, VerifySides } from './compare-tables';
import { copyOut } from '../../connect/postgres/copy-out';
import { escapeCopyField, streamRows, unescapeCopyField } from './copy-text';
import { DifferenceTally } from './difference-tally';
import { startMarker } from './expected-rows';
import { compareKeys, type Key } from './key-order';
import { masSessionRowsSql } from './mas-rows';
import { compareFields } from './merge-compare';
import type { MigrationStart } from './migration-start';
import { SessionRow, valueKind } from './session-row';
import { ExpectedSessionGroups } from './session-side';
import { sessionSourceLayout, sessionSourceSql } from './session-source';
import { SessionSourceCursor } from './session-source-cursor';
import { sessionTables, tableLayouts } from './table-layouts';
import { type Row, SessionGroupCursor, type SessionGroup } from './session-group-cursor';

/**
 * The session side (compat_sessions, compat_access_tokens,
 * compat_refresh_tokens) in one pass: Synapse's sources and MAS's three
 * tables, each one stream sorted by Matrix user ID, then device, merged
 * group by group (session-groups.ts). Synapse's tables are read once, not
 * once a table, and memory holds one device's rows, however many devices
 * a user has. `S`: SQL literal of `:server_name`. `onStreaming`: both
 * sides have sorted their rows (or failed), and now stream them.
 */
export async function compareSessions(
  sides: VerifySides,
  S: string,
  options: CompareOptions,
  onStreaming: () => void,
): Promise<TableVerification[]> {
  options.signal?.throwIfAborted();
  for (const table of sessionTables) options.onTable?.(table);
  const tallies = sessionTables.map((table) => new DifferenceTally(tableLayouts[table], options.serverName));
  const expected = new SessionSourceCursor(copyOut(sides.synapse, sessionSourceSql(S)), "Synapse's devices and tokens");
  const found = new SessionGroupCursor(streamRows(sides.mas, masSessionRowsSql(S)), "MAS's sessions and tokens");
  try {
    let hasExpected: boolean;
    let hasFound: boolean;
    try {
      [hasExpected, hasFound] = await Promise.all([expected.advance(), found.advance()]);
    } finally {
      onStreaming();
    }
    const wantedOf = new ExpectedSessionGroups(sessionSourceLayout);
    const wanted: SessionParts = [[], [], []];
    const out = new SessionRow(printedInto(wanted));
    let groups = 0;
    while (hasExpected || hasFound) {
      const order = !hasExpected ? 1 : !hasFound ? -1 : compareKeys(expected.key(), found.group!.key);
      for (const rows of wanted) rows.length = 0;
      if (order <= 0) expected.handTo(wantedOf, out);
      const held = order >= 0 ? foundSessions(found.group!) : noSessionRows;
      for (const [part, tally] of tallies.entries()) compareGroupRows(wanted[part]!, held[part]!, tally, options.start);
      if (order <= 0) hasExpected = await expected.advance();
      if (order >= 0) hasFound = await found.advance();
      if (++groups % 4096 === 0) options.signal?.throwIfAborted();
    }
  } catch (error) {
    // A COPY left half-read would hold its connection (the run's own, inside migrate --verify) forever.
    if (!options.signal?.aborted) await Promise.allSettled([expected.drain(), found.drain()]);
    throw error;
  }
  return tallies.map((tally) => tally.result());
}

/**
 * Puts each row the rules give in its table's part, printed as COPY prints
 * MAS's rows (masSessionRowsSql): times in microseconds, or the start
 * marker merge-compare holds to the migration start.
 */
function printedInto(parts: SessionParts): (row: SessionRow) => void {
  const time = (ms: number) => (ms === 0 ? '0' : `${ms}000`);
  return (row) => {
    const printed: Row = [];
    for (let i = 0; i < row.length; i++) {
      const kind = row.kinds[i];
      if (kind === valueKind.null) printed.push(null);
      else if (kind === valueKind.bytes)
        printed.push(escapeCopyField(row.bufs[i]!.toString('utf8', row.starts[i]!, row.starts[i]! + row.lengths[i]!)));
      else if (kind === valueKind.string) printed.push(escapeCopyField(row.strings[i]!));
      else if (kind === valueKind.time || kind === valueKind.ulidTime) printed.push(time(row.numbers[i]!));
      else if (kind === valueKind.start || kind === valueKind.ulidStart) printed.push(startMarker);
      else printed.push(row.numbers[i] === 1 ? 't' : 'f');
    }
    parts[row.table]!.push(printed);
  };
}

/** A group's rows of the three session tables: compat_sessions, compat_access_tokens, compat_refresh_tokens. */
type SessionParts = [Row[], Row[], Row[]];
/** A group that gives no rows. */
const noSessionRows: SessionParts = [[], [], []];

/** MAS's rows of one group, split by part into each table's layout (the user ID, then the part's columns). */
function foundSessions(group: SessionGroup): SessionParts {
  const parts: SessionParts = [[], [], []];
  for (const line of group.rows) {
    const part = Number(line[1]);
    const layout = tableLayouts[sessionTables[part]!];
    parts[part]!.push([line[0]!, ...line.slice(2, 1 + layout.keys.length + layout.fields.length)]);
  }
  return parts;
}

/** A row and its key after the user ID (decoded), the order within one group. */
interface KeyedRow {
  row: Row;
  key: Key;
}

/** A group's rows of one table with their keys. */
const keyed = (rows: Row[], keys: number): KeyedRow[] =>
  rows.map((row) => ({ row, key: row.slice(1, keys).map((v) => (v === null ? null : unescapeCopyField(v))) }));

/**
 * One group's rows of one table, merged as mergeCompare merges whole tables:
 * Synapse's worked out in no order, so sorted here; MAS's come sorted.
 */
function compareGroupRows(wanted: Row[], held: Row[], tally: DifferenceTally, start: MigrationStart): void {
  const { fields, keys } = tally.layout;
  const expected = keyed(wanted, keys.length).sort((a, b) => compareKeys(a.key, b.key));
  const found = keyed(held, keys.length);
  let i = 0;
  let j = 0;
  while (i < expected.length || j < found.length) {
    const order = i >= expected.length ? 1 : j >= found.length ? -1 : compareKeys(expected[i]!.key, found[j]!.key);
    if (order < 0) tally.missing(expected[i++]!.row);
    else if (order > 0) tally.unexpected(found[j++]!.row);
    else {
      if (compareFields(expected[i++]!.row, found[j++]!.row, fields, keys.length, tally, start)) tally.matching++;
    }
  }
  tally.expected += expected.length;
  tally.found += found.length;
}
