import type { VerificationDifference, VerificationExample, VerificationResult } from '../../../../src-shared/domain/verification';
import { plural } from '../../../../src-shared/text';
import type { Tone } from '../../components/StatusBadge';
import type { VerificationOrigin } from '../../store/verification-state';

/** The verdict of a verification in one line (SPEC §10), with the tone it is shown in. */
export function verificationVerdict(result: VerificationResult): { tone: Exclude<Tone, 'running' | 'neutral'>; title: string } {
  if (result.outcome === 'cannot-compare')
    return { tone: 'warning', title: `Could not compare: ${result.problem?.message ?? 'the reason is unknown'}` };
  if (result.outcome === 'match') {
    const all = result.tables.length === 8 ? 'all eight tables' : `all ${plural(result.tables.length, 'table')}`;
    return { tone: 'ok', title: `MAS matches Synapse in ${all}` };
  }
  return { tone: 'error', title: `MAS differs in ${differingTables(result).join(', ')}` };
}

export function differingTables(result: VerificationResult): string[] {
  return result.tables.filter((t) => t.differences.length > 0).map((t) => t.table);
}

/** "3 rows missing in MAS", "1 row differs in is_synapse_admin". */
export function differenceLabel(d: VerificationDifference): string {
  const rows = plural(d.count, 'row');
  if (d.kind === 'missing') return `${rows} missing in MAS`;
  if (d.kind === 'unexpected') return `${rows} in MAS but not accounted for by Synapse`;
  return `${rows} ${d.count === 1 ? 'differs' : 'differ'} in ${d.field ?? 'a field'}`;
}

/** A row as the admin recognises it: its Synapse user ID and device ID. */
function exampleLabel(e: VerificationExample): string {
  return [e.userId ?? '(no user)', e.deviceId].filter(Boolean).join(' ');
}

/** The examples kept of a difference, with "…" when there are more rows than examples. */
export function examplesText(d: VerificationDifference): string {
  const shown = d.examples.map(exampleLabel).join(', ');
  return shown && d.count > d.examples.length ? `${shown}, …` : shown;
}

/** Where the shown verification comes from; `when` is the time it ran, as the screen formats it. */
export function originLabel(origin: VerificationOrigin, when: string): string {
  if (origin === 'dry-run') return `The dry run verified its own rows before MAS was emptied again (${when}).`;
  if (origin === 'run') return `The migration verified its rows before it committed (${when}).`;
  return `Verify MAS compared MAS with Synapse after the run (${when}).`;
}

/** The instant rows without a Synapse time were held to (SPEC §5), in words; undefined when none was needed. */
export function migrationStartNote(result: VerificationResult): string | undefined {
  if (!result.migrationStart) return undefined;
  const from = result.migrationStart.source === 'run' ? "the run's own start" : 'inferred from the first such row in MAS';
  return `Rows whose time Synapse does not know were held to the migration start, ${result.migrationStart.at} (${from}).`;
}
