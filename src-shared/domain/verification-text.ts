import { plural } from '../text';
import type { VerificationDifference, VerificationExample, VerificationResult } from './verification';

/** A verification in words, as the app and `syn2mas verify` say it. */

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

/** The instant rows without a Synapse time were held to (SPEC §5), in words; undefined when none was needed. */
export function migrationStartNote(result: VerificationResult): string | undefined {
  if (!result.migrationStart) return undefined;
  const from = result.migrationStart.source === 'run' ? "the run's own start" : 'inferred from the first such row in MAS';
  return `Rows whose time Synapse does not know were held to the migration start, ${result.migrationStart.at} (${from}).`;
}
