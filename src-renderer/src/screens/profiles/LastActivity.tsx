import type { HistoryEntry } from '../../../../src-shared/domain/profile';
import { StatusBadge, type Tone } from '../../components/StatusBadge';
import { formatWhen } from '../../format';

const kindLabel: Record<HistoryEntry['kind'], string> = {
  'connection-test': 'Connection test',
  check: 'Checks',
  'dry-run': 'Dry run',
  migrate: 'Migration',
  verify: 'Verification',
};
const outcomeTone: Record<HistoryEntry['outcome'], Tone> = { ok: 'ok', warnings: 'warning', errors: 'error', failed: 'error' };
const outcomeLabel: Record<HistoryEntry['outcome'], string> = { ok: 'OK', warnings: 'Warnings', errors: 'Errors', failed: 'Failed' };

/** The latest check or run of a profile, as a badge and a line. */
export function LastActivity({ history }: { history: readonly HistoryEntry[] }) {
  const last = history.at(-1);
  if (!last) return <span className="small muted">Never checked</span>;
  return (
    <span className="stack tight">
      <span className="row">
        <StatusBadge tone={outcomeTone[last.outcome]}>{`${kindLabel[last.kind]}: ${outcomeLabel[last.outcome]}`}</StatusBadge>
      </span>
      <span className="small muted">
        {formatWhen(last.at)} · {last.summary}
      </span>
    </span>
  );
}
