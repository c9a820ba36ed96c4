import type { ProgressStage } from '../../../../src-shared/domain/progress';
import { Panel } from '../../components/Panel';
import { Table } from '../../components/Table';
import { formatDuration } from '../../format';

const total = (stages: readonly ProgressStage[]) => stages.reduce((sum, s) => sum + (s.durationMs ?? 0), 0);

/** One rebuild kind (dozens of indexes or constraints) as one row: total time, and the slowest to look at. */
function RebuildRows({ label, stages }: { label: string; stages: readonly ProgressStage[] }) {
  if (!stages.length) return null;
  const slowest = [...stages].sort((a, b) => (b.durationMs ?? 0) - (a.durationMs ?? 0)).slice(0, 3);
  return (
    <tr>
      <th scope="row">
        {label} ({stages.length})
        <div className="small muted">
          slowest:{' '}
          {slowest
            .map((s) => `${s.label.replace(/^Rebuilding (index|constraint) /, '')} (${formatDuration(s.durationMs ?? 0)})`)
            .join(', ')}
        </div>
      </th>
      <td className="num">{formatDuration(total(stages))}</td>
    </tr>
  );
}

/** How long each stage took: where the time of the real migration will go. */
export function StageDurations({ stages }: { stages: readonly ProgressStage[] }) {
  const timed = stages.filter((s) => s.durationMs !== undefined);
  if (!timed.length) return null;
  const row = (s: ProgressStage) => (
    <tr key={s.id}>
      <th scope="row">{s.label}</th>
      <td className="num">{formatDuration(s.durationMs!)}</td>
    </tr>
  );
  return (
    <Panel title="Duration per stage" flush>
      <Table>
        {timed.filter((s) => s.kind === 'setup' || s.kind === 'entity').map(row)}
        <RebuildRows label="Rebuilding indexes" stages={timed.filter((s) => s.kind === 'index')} />
        <RebuildRows label="Rebuilding constraints" stages={timed.filter((s) => s.kind === 'constraint')} />
        {timed.filter((s) => s.kind === 'finish').map(row)}
      </Table>
    </Panel>
  );
}
