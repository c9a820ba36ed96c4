import type { ProgressStage } from '../../../../src-shared/domain/progress';
import { ProgressBar } from '../../components/ProgressBar';
import { formatDuration } from '../../format';

/** Index or constraint rebuilds as one bar (there can be dozens), naming the one in progress. */
export function RebuildRow({ label, item, stages }: { label: string; item: string; stages: readonly ProgressStage[] }) {
  const done = stages.filter((s) => s.status === 'done').length;
  const running = stages.find((s) => s.status === 'running');
  const state = done === stages.length ? 'done' : running || done > 0 ? 'running' : 'pending';
  const took = stages.reduce((sum, s) => sum + (s.durationMs ?? 0), 0);
  return (
    <div className="stack">
      <ProgressBar
        label={label}
        value={done}
        max={stages.length}
        state={state}
        summary={`${done} of ${stages.length}`}
        details={
          running ? <span>now: {running.label}</span> : state === 'done' ? <span>took {formatDuration(took)}</span> : <span>waiting</span>
        }
      />
      <details>
        <summary className="small">Each {item}</summary>
        <ul className="list-plain small">
          {stages.map((s) => (
            <li key={s.id}>
              {s.status === 'done' ? '✓' : s.status === 'running' ? '…' : '·'} {s.label}
              {s.durationMs !== undefined ? <span className="muted"> — {formatDuration(s.durationMs)}</span> : null}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
