import type { TableVerification } from '../../../src-shared/domain/verification';
import type { CompareOptions, VerifySides } from './compare-tables';
import { streamRows, unescapeCopyField } from './copy-text';
import { DifferenceTally } from './difference-tally';
import { sessionSourceSql } from './expected-rows';
import { compareKeys } from './key-order';
import { masSessionRowsSql } from './mas-rows';
import { compareFields } from './merge-compare';
import type { MigrationStart } from './migration-start';
import { expectedSessions, type KeyedRow } from './session-side';
import { sessionTables, tableLayouts } from './table-layouts';
import { SessionGroupCursor, type SessionGroup } from './session-group-cursor';
import { masGroupOf, synapseGroupOf } from './session-groups';

const none: [KeyedRow[], KeyedRow[], KeyedRow[]] = [[], [], []];

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
  const expected = new SessionGroupCursor(streamRows(sides.synapse, sessionSourceSql(S)), "Synapse's devices and tokens", synapseGroupOf);
  const found = new SessionGroupCursor(streamRows(sides.mas, masSessionRowsSql(S)), "MAS's sessions and tokens", masGroupOf);
  try {
    let hasExpected: boolean;
    let hasFound: boolean;
    try {
      [hasExpected, hasFound] = await Promise.all([expected.advance(), found.advance()]);
    } finally {
      onStreaming();
    }
    // The user whose groups come now, when it gets sessions: its own row comes first (session-groups.ts).
    let user: { id: string; admin: string | null } | undefined;
    let groups = 0;
    while (hasExpected || hasFound) {
      const order = !hasExpected ? 1 : !hasFound ? -1 : compareKeys(expected.group!.key, found.group!.key);
      let wanted = none;
      if (order <= 0) {
        const group = expected.group!;
        // A user's own row is alone in its group (session-groups.ts).
        const own = group.rows[0]![1] === '0' ? group.rows[0] : undefined;
        if (own) user = { id: group.userId, admin: own[3] ?? null };
        else if (user?.id === group.userId) wanted = expectedSessions(group, user.admin);
      }
      const held = order >= 0 ? foundSessions(found.group!) : none;
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

/** MAS's rows of one group, split by part into each table's layout (the user ID, then the part's columns). */
function foundSessions(group: SessionGroup): [KeyedRow[], KeyedRow[], KeyedRow[]] {
  const parts: [KeyedRow[], KeyedRow[], KeyedRow[]] = [[], [], []];
  for (const line of group.rows) {
    const part = Number(line[1]);
    const layout = tableLayouts[sessionTables[part]!];
    const row = [line[0]!, ...line.slice(2, 1 + layout.keys.length + layout.fields.length)];
    parts[part]!.push({ row, key: row.slice(1, layout.keys.length).map((v) => (v === null ? null : unescapeCopyField(v))) });
  }
  return parts;
}

/** One group's rows of one table, both sides sorted by key: merged as mergeCompare merges whole tables. */
function compareGroupRows(expected: KeyedRow[], found: KeyedRow[], tally: DifferenceTally, start: MigrationStart): void {
  const { fields, keys } = tally.layout;
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
