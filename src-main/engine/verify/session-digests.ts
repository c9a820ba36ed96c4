import pg from 'pg';
import type { TableVerification } from '../../../src-shared/domain/verification';
import type { VerifySides } from './compare-tables';
import { copyOut } from '../../connect/postgres/copy-out';
import { masSessionSelect } from './mas-rows';
import { HashedRow } from './hashed-row';
import { RecordHashSum } from './record-hash-sum';
import { ExpectedSessionGroups } from './session-side';
import { sessionSourceLayout, sessionSourceSql } from './session-source';
import { SessionSourceCursor } from './session-source-cursor';
import type { SynapseDigests } from './synapse-digests';
import { agreedRows, type Digest, provenTable, recordDigestOf } from './table-digest';
import { type SessionTable, sessionTables } from './table-layouts';

/**
 * The session side proven by digests (table-digest.ts), once the migration
 * start is known (told by `migrate --verify`, or read back from MAS by
 * start-from-tokens.ts): Synapse's half is worked out here from the
 * rules (session-side.ts), group by group, and hashed as PostgreSQL hashes
 * MAS's rows in their own column types (hashed-row.ts), so MAS's three
 * tables are neither sent, sorted nor printed; they are compared row by row
 * (compare-sessions.ts) only when a digest differs, to say where.
 */

/** SQL literal of `:server_name`, as the session side's queries take it. */
export const serverSuffixLiteral = (serverName: string) => pg.escapeLiteral(`:${serverName}`);

/**
 * Synapse's digest of each session table (sessionTables' order), from its
 * sorted source (sessionSourceSql) on `synapse`, with `start` (microseconds)
 * where Synapse does not know a time.
 */
export async function expectedSessionDigests(synapse: pg.Client, serverName: string, start: string): Promise<Digest[]> {
  const S = serverSuffixLiteral(serverName);
  const groups = new SessionSourceCursor(copyOut(synapse, sessionSourceSql(S)), "Synapse's devices and tokens");
  const sums = sessionTables.map(() => new RecordHashSum());
  const out = new HashedRow(sums, start, serverName);
  const wanted = new ExpectedSessionGroups(sessionSourceLayout);
  while (await groups.advance()) groups.handTo(wanted, out);
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
 * row by row, to say where).
 */
export function sessionDigestWork(
  serverName: string,
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
      computed(await expectedSessionDigests(sides.synapse, serverName, start));
      return [];
    });
  }
  const found = new Map<SessionTable, Digest>();
  for (const table of sessionTables) {
    work.push(async (sides) => {
      onTable?.(table);
      found.set(table, await recordDigestOf(sides.mas, masSessionSelect(table)));
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
