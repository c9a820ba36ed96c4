import type pg from 'pg';
import type { TableVerification } from '../../../src-shared/domain/verification';
import type { MasTable } from '../mas/mas-tables';
import { type ExpectedContext, expectedRowsSelect, expectedTypedSelect, startMarker } from './expected-rows';
import { masRowsSelect } from './mas-rows';
import type { MigrationStart } from './migration-start';
import type { SessionTable } from './table-layouts';

type Sides = { synapse: pg.Client; mas: pg.Client };

/**
 * An order-free digest of a SELECT's rows, computed by PostgreSQL where the
 * rows are: how many, and two sums of 64-bit hashes of each row's text (two
 * seeds; recordDigestOf hashes each row's values in their types instead).
 * Nothing is sorted or sent, so proving a table whose two sides agree
 * costs a scan of each side; the rows are compared one by one only when the
 * digests differ, to say which.
 *
 * Relies on PostgreSQL's documented behaviour: a row cast to text is the
 * record's output form, which prints each column with its type's output
 * function, as COPY's text does (the form the merge compares), and quotes a
 * value by a fixed rule; so two rows give the same text exactly when COPY
 * prints them the same. `hashtextextended` is the hash of hash partitioning,
 * which PostgreSQL keeps the same across versions (partitions must survive
 * pg_upgrade), so the two databases may run different versions.
 */
export interface Digest {
  rows: string;
  a: string;
  b: string;
  /**
   * Rows whose text holds the start marker (`start`; more than those when a value happens to hold it),
   * counted only when asked: '0' otherwise.
   */
  marked: string;
}

function digestSql(select: string, countMarked: boolean): string {
  const marked = countMarked ? `count(*) FILTER (WHERE strpos(r, '${startMarker}') > 0)::text` : "'0'";
  // OFFSET 0 keeps the row's text computed once, not once for each use.
  return `SELECT count(*)::text AS rows, coalesce(sum(hashtextextended(r, 0)), 0)::text AS a,
      coalesce(sum(hashtextextended(r, 1)), 0)::text AS b, ${marked} AS marked
    FROM (SELECT d::text AS r FROM (${select}) AS d OFFSET 0) AS t`;
}

/** The digest of a SELECT's rows, computed where they are. */
export async function digestOf(client: pg.Client, select: string, countMarked: boolean): Promise<Digest> {
  const { rows } = await client.query<Digest>(digestSql(select, countMarked));
  return rows[0]!;
}

/**
 * What recordDigestOf sums of a row whose record hash is `r`: its high word
 * (a) and its low word (b), each hashed as hashint8extended hashes a value
 * of 32 bits (that word itself), with seeds 0 and 1. Both words go through
 * a hash, so the sums see the whole 64 bits, at the cost of two integer
 * hashes (a record of int8send's bytes, hashed twice, cost 10 % more of a
 * token digest at a million users, measured).
 */
export const rowTerms = (r: string) => ({ a: `hashint8extended(${r} >> 32, 0)`, b: `hashint8extended(${r} & 4294967295, 1)` });

/**
 * The same digest with each row hashed in its own column types
 * (hash_record_extended, PostgreSQL 14 and later) instead of as text: no
 * value is printed, which costs more than the hashing. A record's hash is
 * what hash partitioning by a composite type uses, so it too stays the same
 * across versions. But it is linear in its values' hashes (the hash so far
 * times 31 plus the next value's), so a sum of record hashes could not see
 * a column's values swapped between two rows (two tokens given each other's
 * device): each row's hash is hashed again, which no such swap survives,
 * its high word for one sum and its low word for the other (rowTerms).
 * The session side's (session-digests.ts), whose other half this process
 * works out (record-hash-sum.ts), and every other table's once the start is
 * known (digestsAgree).
 */
export async function recordDigestOf(client: pg.Client, select: string): Promise<Digest> {
  // OFFSET 0 keeps each row's hash computed once, not once for each sum.
  const terms = rowTerms('r');
  const { rows } = await client.query<Digest>(
    `SELECT count(*)::text AS rows, coalesce(sum(${terms.a}), 0)::text AS a, coalesce(sum(${terms.b}), 0)::text AS b,
      '0' AS marked
    FROM (SELECT hash_record_extended(d, 0) AS r FROM (${select} OFFSET 0) AS d OFFSET 0) AS t`,
  );
  return rows[0]!;
}

/** Whether a server computes recordDigestOf: hash_record_extended came with PostgreSQL 14. */
export async function hashesRecords(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ ok: boolean }>("SELECT current_setting('server_version_num')::int >= 140000 AS ok");
  return rows[0]!.ok;
}

/** A table proven by its digests: every one of its `rows` matches. */
export const provenTable = (table: string, rows: number): TableVerification => ({
  table,
  expected: rows,
  found: rows,
  matching: rows,
  differences: [],
});

/** Two digests agree: the rows both sides hold, else undefined. */
export function agreedRows(expected: Digest, found: Digest): number | undefined {
  const same = expected.rows === found.rows && expected.a === found.a && expected.b === found.b;
  return same ? Number(expected.rows) : undefined;
}

/**
 * How many rows both sides hold, when their digests agree; undefined when
 * they differ or cannot be trusted: with `startKnown` false, Synapse's side
 * holds the start marker where MAS holds the start itself, so a side with
 * marked rows tells nothing.
 */
export async function agreedRowCount(
  sides: Sides,
  selects: { expected: string; found: string },
  startKnown: boolean,
): Promise<number | undefined> {
  const [expected, found] = await Promise.all([
    digestOf(sides.synapse, selects.expected, !startKnown),
    digestOf(sides.mas, selects.found, false),
  ]);
  if (!startKnown && expected.marked !== '0') return undefined;
  return agreedRows(expected, found);
}

/**
 * Synapse's digest of a table outside the session side, with the run's
 * start (known, microseconds) where Synapse does not know a time: what
 * `migrate --verify` computes before MAS can be read (digestsAgree's
 * `expected`). Hashed in MAS's column types (recordDigestOf), so `synapse`
 * must hash records (hashesRecords).
 */
export function synapseDigest(
  synapse: pg.Client,
  table: Exclude<MasTable, SessionTable>,
  ctx: ExpectedContext,
  start: string,
): Promise<Digest> {
  return recordDigestOf(synapse, expectedTypedSelect(table, ctx, start));
}

/**
 * A table outside the session side proven at once: both sides' digests
 * agree, the start (once known) standing where Synapse does not know a
 * time; undefined: compare it row by row. With the start known and
 * `records` (both servers hash records) each row is hashed in its own
 * column types, which costs a quarter less than printing it (measured on
 * both sides), else as text. `expected`: Synapse's digest computed ahead
 * (synapseDigest), used only with `records`.
 */
export async function digestsAgree(
  sides: Sides,
  table: Exclude<MasTable, SessionTable>,
  ctx: ExpectedContext,
  start: MigrationStart,
  records: boolean,
  expected?: Promise<Digest | undefined>,
): Promise<number | undefined> {
  const known = start.known();
  if (known === undefined) return agreedRowCount(sides, { expected: expectedRowsSelect(table, ctx), found: masRowsSelect(table) }, false);
  if (!records) {
    const selects = { expected: expectedRowsSelect(table, { ...ctx, unknownTime: ctx.literal(known) }), found: masRowsSelect(table) };
    return agreedRowCount(sides, selects, true);
  }
  const [synapse, mas] = await Promise.all([
    (expected ?? Promise.resolve(undefined)).then((ahead) => ahead ?? synapseDigest(sides.synapse, table, ctx, known)),
    recordDigestOf(sides.mas, masRowsSelect(table)),
  ]);
  return agreedRows(synapse, mas);
}
