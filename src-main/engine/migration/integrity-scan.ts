import type pg from 'pg';
import type { Finding } from '../../../src-shared/domain/finding';
import { validUserId } from './mapping/sql-fragments';
import { plural, probe } from './scan-probe';

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
 * up to 20 examples, found before anything is written.
 */
export async function scanDataIntegrity(client: pg.Client, serverName: string): Promise<Finding[]> {
  const S = client.escapeLiteral(`:${serverName}`);
  const findings: Finding[] = [];
  const add = (source: string, count: number, examples: string[], message: string) => {
    if (count > 0) findings.push({ id: 'data-integrity', severity: 'error', area: 'data-integrity', message, fix: integrityFix, source, count, examples });
  };

  const badIds = await probe(client, `FROM users u WHERE NOT ${validUserId('u.name', S)}`, 'u.name');
  add('users', badIds.count, badIds.examples, `${plural(badIds.count, 'user ID', 'user IDs')} in users ${badIds.count === 1 ? 'is' : 'are'} not of the form @localpart:${serverName}.`);

  for (const { table, example } of dependents) {
    const foreign = await probe(client, `FROM ${table} t WHERE NOT ${validUserId('t.user_id', S)}`, example);
    add(table, foreign.count, foreign.examples, `${plural(foreign.count, 'row')} of ${table} ${foreign.count === 1 ? 'belongs' : 'belong'} to a user ID that is not @localpart:${serverName} (another server or malformed).`);
    const orphans = await probe(
      client,
      `FROM ${table} t WHERE ${validUserId('t.user_id', S)} AND NOT EXISTS (SELECT 1 FROM users u WHERE u.name = t.user_id)`,
      example,
    );
    add(table, orphans.count, orphans.examples, `${plural(orphans.count, 'row')} of ${table} ${orphans.count === 1 ? 'belongs' : 'belong'} to users that do not exist in users.`);
  }
  return findings;
}
