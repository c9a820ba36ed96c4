import type { ProfileView } from '../../../src-shared/domain/profile';
import type { MigrationProgress, ProgressStage } from '../../../src-shared/domain/progress';
import type { MigrationReport } from '../../../src-shared/domain/report';

export interface LogLine {
  at: number;
  text: string;
}

/** The migration in progress (or the last one): one at a time, whichever profile is open. */
export interface MigrationRun {
  /** Counts the runs started, so an event or a reply of an earlier run never lands on a later one. */
  runId: number;
  status: 'idle' | 'running' | 'cancelling' | 'done' | 'failed' | 'cancelled';
  profileId: string | undefined;
  profileName: string | undefined;
  dryRun: boolean;
  progress: MigrationProgress | undefined;
  log: readonly LogLine[];
  report: MigrationReport | undefined;
  error: unknown;
}

export const noRun: MigrationRun = {
  runId: 0,
  status: 'idle',
  profileId: undefined,
  profileName: undefined,
  dryRun: true,
  progress: undefined,
  log: [],
  report: undefined,
  error: undefined,
};

/** Log lines for what changed between two snapshots: stages starting and finishing. */
export function describeTransitions(before: readonly ProgressStage[], after: readonly ProgressStage[]): string[] {
  const lines: string[] = [];
  for (const stage of after) {
    const previous = before.find((s) => s.id === stage.id);
    if (stage.status === 'running' && previous?.status !== 'running' && previous?.status !== 'done') lines.push(`${stage.label}: started`);
    if (stage.status === 'done' && previous?.status !== 'done') {
      const counts = stage.kind === 'entity' ? ` (${stage.migrated} migrated, ${stage.skipped} skipped)` : '';
      const took = stage.durationMs !== undefined ? ` in ${(stage.durationMs / 1000).toFixed(1)} s` : '';
      lines.push(`${stage.label}: done${counts}${took}`);
    }
  }
  return lines;
}

export function isActive(run: MigrationRun): boolean {
  return run.status === 'running' || run.status === 'cancelling';
}

function withLog(run: MigrationRun, at: number, lines: readonly string[]): MigrationRun {
  return lines.length ? { ...run, log: [...run.log, ...lines.map((text) => ({ at, text }))] } : run;
}

/** Whether news of run `runId` still applies: it is the last run started and has not ended. */
const current = (run: MigrationRun, runId: number) => run.runId === runId && isActive(run);

/** A new run replaces the last one; none starts while one is running or being cancelled. */
export function runStarted(run: MigrationRun, profile: Pick<ProfileView, 'id' | 'name'>, dryRun: boolean, at: number): MigrationRun {
  if (isActive(run)) return run;
  const started: MigrationRun = {
    ...noRun,
    runId: run.runId + 1,
    status: 'running',
    profileId: profile.id,
    profileName: profile.name,
    dryRun,
  };
  return withLog(started, at, [dryRun ? 'Dry run started: everything is written, then MAS is emptied again.' : 'Real migration started.']);
}

export function progressReceived(run: MigrationRun, runId: number, progress: MigrationProgress, at: number): MigrationRun {
  if (!current(run, runId)) return run;
  return { ...withLog(run, at, describeTransitions(run.progress?.stages ?? [], progress.stages)), progress };
}

export function runFinished(run: MigrationRun, runId: number, report: MigrationReport, at: number): MigrationRun {
  if (!current(run, runId)) return run;
  return withLog({ ...run, status: 'done', report }, at, [
    run.dryRun ? 'Dry run finished; the MAS database is empty again.' : 'Migration finished.',
  ]);
}

/** The call failed: cancelled when the admin asked for it, failed otherwise. */
export function runFailed(run: MigrationRun, runId: number, error: unknown, at: number): MigrationRun {
  if (!current(run, runId)) return run;
  if (run.status === 'cancelling')
    return withLog({ ...run, status: 'cancelled' }, at, ['Cancelled. The MAS database is left resumable: run again to resume.']);
  return withLog({ ...run, status: 'failed', error }, at, [`Failed: ${error instanceof Error ? error.message : String(error)}`]);
}

export function cancelRequested(run: MigrationRun, at: number): MigrationRun {
  if (run.status !== 'running') return run;
  return withLog({ ...run, status: 'cancelling' }, at, ['Cancelling…']);
}
