import type { MigrationProgress } from '../../../../src-shared/domain/progress';
import { Button } from '../../components/Button';
import { Panel } from '../../components/Panel';
import { ProgressBar } from '../../components/ProgressBar';
import { StatusBadge, type Tone } from '../../components/StatusBadge';
import { formatDuration, formatRate } from '../../format';
import { isActive, type MigrationRun } from '../../store/migration-run-state';

const phaseLabels: Record<MigrationProgress['phase'], string> = {
  'setting-up': 'Setting up',
  migrating: 'Migrating',
  rebuilding: 'Rebuilding indexes and constraints',
  finishing: 'Finishing',
  done: 'Done',
};

const statusTone: Record<MigrationRun['status'], Tone> = {
  idle: 'neutral',
  running: 'running',
  cancelling: 'warning',
  done: 'ok',
  failed: 'error',
  cancelled: 'warning',
};
const statusLabel: Record<MigrationRun['status'], string> = {
  idle: 'Not started',
  running: 'Running',
  cancelling: 'Cancelling',
  done: 'Finished',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** The whole run at a glance: overall bar, phase, elapsed, rate, time left, and Cancel. */
export function RunOverview({ run, onCancel }: { run: MigrationRun; onCancel: () => void }) {
  const progress = run.progress;
  const stages = progress?.stages ?? [];
  const finished = stages.filter((s) => s.status === 'done').length;
  const running = isActive(run);
  return (
    <Panel
      title={
        <span className="row">
          {run.dryRun ? 'Dry run' : 'Real migration'}
          <StatusBadge tone={statusTone[run.status]}>{statusLabel[run.status]}</StatusBadge>
        </span>
      }
      actions={
        running ? (
          <Button variant="danger" onClick={onCancel} disabled={run.status === 'cancelling'}>
            Cancel run
          </Button>
        ) : null
      }
    >
      <ProgressBar
        label={progress ? phaseLabels[progress.phase] : 'Connecting'}
        value={finished}
        max={stages.length}
        state={run.status === 'done' ? 'done' : run.status === 'failed' ? 'failed' : 'running'}
        summary={`${finished} of ${stages.length} stages`}
        details={
          <>
            {progress ? <span>elapsed {formatDuration(progress.elapsedMs)}</span> : null}
            {running && progress?.rowsPerSecond !== undefined ? <span>{formatRate(progress.rowsPerSecond)}</span> : null}
            {running && progress?.secondsRemaining !== undefined ? (
              <span>about {formatDuration(progress.secondsRemaining * 1000)} left</span>
            ) : null}
          </>
        }
      />
    </Panel>
  );
}
