import type { ProgressStage } from '../../../../src-shared/domain/progress';
import { ProgressBar } from '../../components/ProgressBar';
import { formatCount, formatDuration, formatRate } from '../../format';

/** One entity stage: migrated of the planner's estimate, skipped, rate, time left. */
export function StageRow({ stage }: { stage: ProgressStage }) {
  const done = stage.migrated + stage.skipped;
  const summary =
    stage.estimatedTotal !== undefined && stage.status !== 'done'
      ? `${formatCount(done)} of ~${formatCount(stage.estimatedTotal)}`
      : formatCount(done);
  return (
    <ProgressBar
      label={stage.label}
      value={done}
      max={stage.estimatedTotal}
      state={stage.status === 'pending' ? 'pending' : stage.status === 'done' ? 'done' : 'running'}
      summary={summary}
      details={
        <>
          <span>{formatCount(stage.migrated)} migrated</span>
          <span>{formatCount(stage.skipped)} skipped</span>
          {stage.status === 'running' && stage.rowsPerSecond !== undefined ? <span>{formatRate(stage.rowsPerSecond)}</span> : null}
          {stage.status === 'running' && stage.secondsRemaining !== undefined ? (
            <span>about {formatDuration(stage.secondsRemaining * 1000)} left</span>
          ) : null}
          {stage.status === 'done' && stage.durationMs !== undefined ? <span>took {formatDuration(stage.durationMs)}</span> : null}
          {stage.status === 'pending' ? <span>waiting</span> : null}
        </>
      }
    />
  );
}
