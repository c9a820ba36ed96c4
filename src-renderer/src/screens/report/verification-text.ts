import type { VerificationResult } from '../../../../src-shared/domain/verification';
import { plural } from '../../../../src-shared/text';
import type { Tone } from '../../components/StatusBadge';
import type { VerificationOrigin } from '../../store/verification-state';

/** The verdict of a verification in one line (SPEC §10), with the tone it is shown in. */
export function verificationVerdict(result: VerificationResult): { tone: Exclude<Tone, 'running' | 'neutral'>; title: string } {
  if (result.outcome === 'cannot-compare')
    return { tone: 'warning', title: `Could not compare: ${result.problem?.message ?? 'the reason is unknown'}` };
  if (result.outcome === 'match') {
    // Nine tables, or eight in a MAS from before registration tokens (SPEC §3).
    return { tone: 'ok', title: `MAS matches Synapse in all ${plural(result.tables.length, 'table')}` };
  }
  return { tone: 'error', title: `MAS differs in ${differingTables(result).join(', ')}` };
}

export function differingTables(result: VerificationResult): string[] {
  return result.tables.filter((t) => t.differences.length > 0).map((t) => t.table);
}

/** Where the shown verification comes from; `when` is the time it ran, as the screen formats it. */
export function originLabel(origin: VerificationOrigin, when: string): string {
  if (origin === 'dry-run') return `The dry run verified its own rows before MAS was emptied again (${when}).`;
  if (origin === 'run') return `The migration verified its rows before it committed (${when}).`;
  return `Verify MAS compared MAS with Synapse after the run (${when}).`;
}
