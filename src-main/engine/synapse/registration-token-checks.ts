import type pg from 'pg';
import type { Finding } from '../../../src-shared/domain/finding';
import { plural } from '../../../src-shared/text';
import { synapseTokensMissingNotice } from './registration-token-notices';
import { hasSynapseTable } from './synapse-optional-tables';

/**
 * SPEC §13 in the checks: how many registration tokens move and how many of
 * them can still be used (not used up, not expired), and a warning for
 * registrations pending on a token: MAS counts only completed uses, so
 * those cannot finish after the cutover.
 */
export async function registrationTokenFindings(client: pg.Client, where: string): Promise<Finding[]> {
  if (!(await hasSynapseTable(client, 'registration_tokens'))) return [synapseTokensMissingNotice(where)];
  const { rows } = await client.query<{ total: number; usable: number; pending: number; pending_tokens: number }>(
    `SELECT count(*)::int AS total,
       count(*) FILTER (WHERE (uses_allowed IS NULL OR completed < uses_allowed)
         AND (expiry_time IS NULL OR expiry_time > extract(epoch FROM now()) * 1000))::int AS usable,
       coalesce(sum(pending) FILTER (WHERE pending > 0), 0)::int AS pending,
       count(*) FILTER (WHERE pending > 0)::int AS pending_tokens
     FROM registration_tokens`,
  );
  const { total, usable, pending, pending_tokens: pendingTokens } = rows[0]!;
  const findings: Finding[] = [];
  if (total > 0) {
    findings.push({
      id: 'registration-tokens',
      severity: 'info',
      area: 'synapse-database',
      message: `${plural(total, 'registration token')} in Synapse: ${usable} still usable, ${total - usable} used up or expired; all move to MAS's user_registration_tokens.`,
      fix: 'Nothing to do. Set account.password_registration_token_required in the MAS config if registration needs a token (config generate does).',
      source: 'registration_tokens',
      count: total,
    });
  }
  if (pending > 0) {
    findings.push({
      id: 'registration-tokens-pending',
      severity: 'warning',
      area: 'synapse-database',
      message: `${plural(pending, 'registration is', 'registrations are')} pending on ${plural(pendingTokens, 'registration token')}; they cannot finish after the cutover (MAS counts only completed uses).`,
      fix: 'Let those registrations finish before stopping Synapse, or acknowledge: those people start their registration again in MAS with the same token.',
      source: 'registration_tokens.pending',
      count: pending,
    });
  }
  return findings;
}
