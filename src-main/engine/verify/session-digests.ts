import type pg from 'pg';
import type { TableVerification } from '../../../src-shared/domain/verification';
import type { VerifySides } from './compare-tables';
import { streamRows, unescapeCopyField } from './copy-text';
import { sessionSourceSql, startMarker } from './expected-rows';
import { expectedSessionIp } from './ip-address';
import { masSessionSelect } from './mas-rows';
import { type HashedType, RecordHashSum } from './record-hash-sum';
import { SessionGroupCursor } from './session-group-cursor';
import { synapseGroupOf } from './session-groups';
import { ExpectedSessionGroups } from './session-side';
import type { SynapseDigests } from './synapse-digests';
import { agreedRows, type Digest, provenTable, recordDigestOf } from './table-digest';
import { type SessionTable, sessionTables, tableLayouts } from './table-layouts';

/**
 * The session side proven by digests (table-digest.ts), once the migration
 * start is known (told by `migrate --verify`, or read back from MAS by
 * start-from-tokens.ts): Synapse's half is worked out here from the
 * rules (session-side.ts), group by group, and hashed as PostgreSQL hashes
 * MAS's rows in their own column types (record-hash-sum.ts), so MAS's three
 * tables are neither sent, sorted nor printed; they are compared row by row
 * (compare-sessions.ts) only when a digest differs, to say where.
 */

/**
 * Each session table's columns (its TableLayout's, in order) as MAS's digest
 * query gives them (mas-rows.ts' masSessionSelect): the IP as abbrev prints
 * it, user_session_id as text, the ULID's time as its first six bytes.
 */
const sessionDigestTypes: Record<SessionTable, HashedType[]> = {
  compat_sessions: [
    'text',
    'text',
    'text',
    'timestamptz',
    'timestamptz',
    'bool',
    'timestamptz',
    'text',
    'text',
    'text',
    'text',
    'ulid-time',
  ],
  compat_access_tokens: ['text', 'text', 'text', 'timestamptz', 'timestamptz', 'ulid-time'],
  compat_refresh_tokens: ['text', 'text', 'text', 'text', 'bool', 'timestamptz', 'timestamptz', 'ulid-time'],
};

/** A MAS value as its digest reads it, from a Synapse-side one (COPY-escaped): what the row comparison would take as equal. */
function digestValue(kind: string, value: string | null, start: string): string | null {
  if (value === null) return null;
  if (kind === 'time' && value === startMarker) return start;
  const raw = unescapeCopyField(value);
  // PostgreSQL prints an address in the canonical form this gives (RFC 5952); one it prints otherwise only fails the digest.
  return kind === 'ip' ? expectedSessionIp(raw) : raw;
}

/**
 * Synapse's digest of each session table (sessionTables' order), from its
 * sorted source (sessionSourceSql) on `synapse`, with `start` (microseconds)
 * where Synapse does not know a time. `S`: SQL literal of `:server_name`.
 */
export async function expectedSessionDigests(synapse: pg.Client, S: string, start: string, ready?: Promise<void>): Promise<Digest[]> {
  const rows = streamRows(synapse, sessionSourceSql(S));
  await ready;
  const groups = new SessionGroupCursor(rows, "Synapse's devices and tokens", synapseGroupOf);
  const wanted = new ExpectedSessionGroups();
  // Per table: each column's kind, and one array its values are put in (a table's rows all have its columns).
  const kinds = sessionTables.map((table) => {
    const { keys, fields } = tableLayouts[table];
    return [...keys.map(() => 'plain'), ...fields.map((f) => f.kind)];
  });
  const values = kinds.map((kind) => new Array<string | null>(kind.length));
  const types = sessionTables.map((table) => sessionDigestTypes[table]);
  const sums = sessionTables.map(() => new RecordHashSum());
  while (await groups.advance()) {
    const parts = wanted.of(groups.group!);
    for (let part = 0; part < parts.length; part++) {
      const kind = kinds[part]!;
      const into = values[part]!;
      for (const row of parts[part]!) {
        for (let i = 0; i < into.length; i++) into[i] = digestValue(kind[i]!, row[i] ?? null, start);
        sums[part]!.add(into, types[part]!);
      }
    }
  }
  return sums.map((sum) => sum.digest());
}

/** One piece of the comparison's work, on whichever lane (pair of connections) takes it. */
export type LaneWork = (sides: VerifySides) => Promise<TableVerification[]>;

/**
 * The session side by digests, as work for the comparison's lanes: MAS's
 * three digests, and Synapse's unless computed ahead (`ahead`: migrate
 * --verify), with the known start (`start`, microseconds). The work gives
 * no results; `proven`, once it is done, holds the digests to each other:
 * the three tables' results, or undefined when one differs (compare them
 * row by row, to say where). `S`: SQL literal of `:server_name`.
 */
export function sessionDigestWork(
  S: string,
  start: string,
  ahead: SynapseDigests | undefined,
  onTable?: (table: string) => void,
): { work: LaneWork[]; proven: () => Promise<TableVerification[] | undefined> } {
  const work: LaneWork[] = [];
  let expected: Promise<(Digest | undefined)[]>;
  if (ahead) expected = Promise.all(sessionTables.map((table) => ahead.get(table)));
  else {
    let computed!: (digests: Digest[]) => void;
    expected = new Promise((resolve) => {
      computed = resolve;
    });
    // A failure here fails the comparison, as the row-by-row one would fail on the same rows.
    work.push(async (sides) => {
      computed(await expectedSessionDigests(sides.synapse, S, start));
      return [];
    });
  }
  const found = new Map<SessionTable, Digest>();
  for (const table of sessionTables) {
    work.push(async (sides) => {
      onTable?.(table);
      found.set(table, await recordDigestOf(sides.mas, masSessionSelect(S, table)));
      return [];
    });
  }
  const proven = async () => {
    const synapse = await expected;
    const tables = sessionTables.map((table, part) => {
      const agreed = synapse[part] && agreedRows(synapse[part], found.get(table)!);
      return agreed === undefined ? undefined : provenTable(table, agreed);
    });
    return tables.every((t) => t !== undefined) ? tables : undefined;
  };
  return { work, proven };
}
