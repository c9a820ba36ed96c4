import type { ProfileView } from '../../../src-shared/domain/profile';
import type { MigrationProgress, ProgressStage } from '../../../src-shared/domain/progress';
import type { MigrationReport } from '../../../src-shared/domain/report';
import { client } from '../ipc/client';
import { createStore } from './create-store';

export interface LogLine {
  at: number;
  text: string;
}

/** The migration in progress (or the last one), kept above the screens so switching screens never loses it. */
export interface MigrationRun {
  status: 'idle' | 'running' | 'cancelling' | 'done' | 'failed' | 'cancelled';
  profileId: string | undefined;
  dryRun: boolean;
  progress: MigrationProgress | undefined;
  log: readonly LogLine[];
  report: MigrationReport | undefined;
  error: unknown;
}

export const migrationRun = createStore<MigrationRun>({
  status: 'idle',
  profileId: undefined,
  dryRun: true,
  progress: undefined,
  log: [],
  report: undefined,
  error: undefined,
});

let controller: AbortController | undefined;

function appendLog(text: string): void {
  migrationRun.set((s) => ({ ...s, log: [...s.log, { at: Date.now(), text }] }));
}

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

function onProgress(progress: MigrationProgress): void {
  const before = migrationRun.get().progress?.stages ?? [];
  for (const line of describeTransitions(before, progress.stages)) appendLog(line);
  migrationRun.set({ progress });
}

export async function startMigration(profile: ProfileView, dryRun: boolean): Promise<void> {
  if (migrationRun.get().status === 'running') return;
  controller = new AbortController();
  migrationRun.set({ status: 'running', profileId: profile.id, dryRun, progress: undefined, log: [], report: undefined, error: undefined });
  appendLog(dryRun ? 'Dry run started: everything is written, then MAS is emptied again.' : 'Real migration started.');
  try {
    const report = await client().call(
      'migration.run',
      { profileId: profile.id, dryRun },
      { onEvent: onProgress, signal: controller.signal },
    );
    migrationRun.set({ status: 'done', report });
    appendLog(dryRun ? 'Dry run finished; the MAS database is empty again.' : 'Migration finished.');
  } catch (error) {
    const cancelled = migrationRun.get().status === 'cancelling';
    migrationRun.set({ status: cancelled ? 'cancelled' : 'failed', error: cancelled ? undefined : error });
    appendLog(
      cancelled
        ? 'Cancelled. The MAS database is left resumable: run again to resume.'
        : `Failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    controller = undefined;
  }
}

export function cancelMigration(): void {
  if (!controller) return;
  migrationRun.set({ status: 'cancelling' });
  appendLog('Cancelling…');
  controller.abort();
}
