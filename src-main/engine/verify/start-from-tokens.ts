import { micros } from './mas-rows';
import type { VerifySides } from './compare-tables';

/**
 * The migration start, read back for a verify that was not told it: SPEC §5
 * gives an access token Synapse never validated the start as its created_at,
 * so MAS's created_at of a few such tokens (microseconds) is the start when
 * they agree. Undefined when none was migrated or they disagree: the
 * comparison then learns the start row by row, and says what differs.
 */
export async function startFromTokens(sides: VerifySides): Promise<string | undefined> {
  const { rows: tokens } = await sides.synapse.query<{ token: string }>(
    'SELECT token FROM access_tokens WHERE last_validated IS NULL AND puppets_user_id IS NULL LIMIT 16',
  );
  if (tokens.length === 0) return undefined;
  const { rows } = await sides.mas.query<{ at: string }>(
    `SELECT DISTINCT ${micros('created_at')}::text AS at FROM compat_access_tokens WHERE access_token = ANY($1::text[])`,
    [tokens.map((t) => t.token)],
  );
  return rows.length === 1 ? rows[0]!.at : undefined;
}
