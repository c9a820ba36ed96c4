import type pg from 'pg';
import type { Finding } from '../../../src-shared/domain/finding';
import { validUserId } from '../mapping/sql-fragments';
import { plural } from '../../../src-shared/text';
import { type ProbeResult, ProblemTally, scanRows } from './problem-tally';
import type { CopyRow } from '../../connect/postgres/copy-binary';

/** Dependent tables, the columns that show one of their rows as an example (up to two texts and a number), and how. */
const dependents: { table: string; columns: string; example: (user: string, a: string, b: string, n: string) => string }[] = [
  { table: 'user_threepids', columns: 'medium, address, NULL::bigint', example: (u, a, b) => `${u} (${a} ${b})` },
  { table: 'user_external_ids', columns: 'auth_provider, external_id, NULL', example: (u, a, b) => `${u} (${a} ${b})` },
  { table: 'devices', columns: 'device_id, NULL, NULL', example: (u, a) => `${u} (device ${a})` },
  { table: 'access_tokens', columns: 'NULL, NULL, id', example: (u, _a, _b, n) => `${u} (access token id ${n})` },
  { table: 'refresh_tokens', columns: 'NULL, NULL, id', example: (u, _a, _b, n) => `${u} (refresh token id ${n})` },
];

const integrityFix =
  'Fix or delete these rows in the Synapse database (they are listed by user ID), then run the checks again. The migration cannot place them, and a real migration does not start while they remain.';

/**
 * The dependent tables in two groups of about the same size (the tokens; the rest), scanned on two connections
 * at once when there are two: PostgreSQL runs this anti-join on one core, and the set-up waits for it.
 */
const groups = [
  ['access_tokens', 'refresh_tokens'],
  ['devices', 'user_threepids', 'user_external_ids'],
] as const;

/**
 * SPEC §2 data-integrity (improves on the reference tool, which fails
 * mid-migration): every row the migration could not place, with counts and
 * up to 20 examples, found before anything is written. One pass over users,
 * and one over each group of dependent tables, anti-joined to users once
 * (cheaper than a join filtered afterwards): only the rows of missing users
 * leave the server. Rows of users whose own ID is not local are looked for
 * only when the first pass found such users. `second`: a connection at the
 * same snapshot for the second group.
 */
export async function scanDataIntegrity(client: pg.Client, serverName: string, second: pg.Client = client): Promise<Finding[]> {
  const S = client.escapeLiteral(`:${serverName}`);
  const users = new ProblemTally();
  await scanRows(client, `SELECT u.name FROM users u WHERE NOT ${validUserId('u.name', S)}`, (row) => users.add('invalid', row.text(0)!));
  const found = new ProblemTally();
  const tally = (row: CopyRow) => {
    const d = dependents[row.int2(0)]!;
    found.add(
      `${d.table} ${row.bool(1) ? 'foreign' : 'orphan'}`,
      d.example(row.text(2) ?? '', row.text(3) ?? '', row.text(4) ?? '', row.text(5) ?? ''),
    );
  };
  const scanGroup = async (tables: readonly string[], on: pg.Client) => {
    const rows = `(${dependents
      .flatMap((d, i) => (tables.includes(d.table) ? [`SELECT ${i}::int2 AS t, user_id, ${d.columns} FROM ${d.table}`] : []))
      .join(' UNION ALL ')}) AS x(t, user_id, a, b, n)`;
    const columns = `x.t, NOT ${validUserId('x.user_id', S)}, x.user_id, x.a, x.b, x.n::text`;
    await scanRows(on, `SELECT ${columns} FROM ${rows} WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.name = x.user_id)`, tally);
    if (users.get('invalid')) {
      await scanRows(
        on,
        `SELECT ${columns} FROM ${rows} WHERE NOT ${validUserId('x.user_id', S)} AND EXISTS (SELECT 1 FROM users u WHERE u.name = x.user_id)`,
        tally,
      );
    }
  };
  await Promise.all(groups.map((tables, i) => scanGroup(tables, i === 0 ? client : second)));

  const findings: Finding[] = [];
  const add = (source: string, result: ProbeResult | undefined, message: (n: number) => string) => {
    if (result)
      findings.push({
        id: 'data-integrity',
        severity: 'error',
        area: 'data-integrity',
        message: message(result.count),
        fix: integrityFix,
        source,
        ...result,
      });
  };
  add(
    'users',
    users.get('invalid'),
    (n) => `${plural(n, 'user ID')} in users ${n === 1 ? 'is' : 'are'} not of the form @localpart:${serverName}.`,
  );
  for (const { table } of dependents) {
    add(
      table,
      found.get(`${table} foreign`),
      (n) =>
        `${plural(n, 'row')} of ${table} ${n === 1 ? 'belongs' : 'belong'} to a user ID that is not @localpart:${serverName} (another server or malformed).`,
    );
    add(
      table,
      found.get(`${table} orphan`),
      (n) => `${plural(n, 'row')} of ${table} ${n === 1 ? 'belongs' : 'belong'} to users that do not exist in users.`,
    );
  }
  return findings;
}
