import type pg from 'pg';
import type { Finding } from '../../../src-shared/domain/finding';
import { validUserId } from './mapping/sql-fragments';
import { plural } from '../../../src-shared/text';
import { probeKinds } from './scan-probe';

/** Dependent tables and how to show one of their rows as an example. */
const dependents: { table: string; example: string }[] = [
  { table: 'user_threepids', example: "t.user_id || ' (' || t.medium || ' ' || t.address || ')'" },
  { table: 'user_external_ids', example: "t.user_id || ' (' || t.auth_provider || ' ' || t.external_id || ')'" },
  { table: 'devices', example: "t.user_id || ' (device ' || t.device_id || ')'" },
  { table: 'access_tokens', example: "t.user_id || ' (access token id ' || t.id || ')'" },
  { table: 'refresh_tokens', example: "t.user_id || ' (refresh token id ' || t.id || ')'" },
];

const integrityFix =
  'Fix or delete these rows in the Synapse database (they are listed by user ID), then run the checks again. The migration cannot place them, and a real migration does not start while they remain.';

/**
 * SPEC §2 data-integrity (improves on the reference tool, which fails
 * mid-migration): every row the migration could not place, with counts and
 * up to 20 examples, found before anything is written. One scan per table.
 */
export async function scanDataIntegrity(client: pg.Client, serverName: string): Promise<Finding[]> {
  const S = client.escapeLiteral(`:${serverName}`);
  const findings: Finding[] = [];
  const add = (source: string, found: { count: number; examples: string[] } | undefined, message: (n: number) => string) => {
    if (found)
      findings.push({
        id: 'data-integrity',
        severity: 'error',
        area: 'data-integrity',
        message: message(found.count),
        fix: integrityFix,
        source,
        ...found,
      });
  };

  const users = await probeKinds(client, 'FROM users u', [{ kind: 'invalid', when: `NOT ${validUserId('u.name', S)}` }], 'u.name');
  add(
    'users',
    users.get('invalid'),
    (n) => `${plural(n, 'user ID')} in users ${n === 1 ? 'is' : 'are'} not of the form @localpart:${serverName}.`,
  );

  for (const { table, example } of dependents) {
    const valid = validUserId('t.user_id', S);
    const kinds = [
      { kind: 'foreign', when: `NOT ${valid}` },
      { kind: 'orphan', when: `${valid} IS NOT FALSE AND u.name IS NULL` },
    ];
    const found = await probeKinds(client, `FROM ${table} t LEFT JOIN users u ON u.name = t.user_id`, kinds, example);
    add(
      table,
      found.get('foreign'),
      (n) =>
        `${plural(n, 'row')} of ${table} ${n === 1 ? 'belongs' : 'belong'} to a user ID that is not @localpart:${serverName} (another server or malformed).`,
    );
    add(
      table,
      found.get('orphan'),
      (n) => `${plural(n, 'row')} of ${table} ${n === 1 ? 'belongs' : 'belong'} to users that do not exist in users.`,
    );
  }
  return findings;
}
