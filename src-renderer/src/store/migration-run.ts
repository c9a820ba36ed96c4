import type { MigrationProgress } from '../../../src-shared/domain/progress';
import type { ProfileView } from '../../../src-shared/domain/profile';
import type { MigrationReport } from '../../../src-shared/domain/report';
import { client } from '../ipc/client';
import { createStore } from './create-store';
import { cancelRequested, noRun, progressReceived, runFailed, runFinished, runStarted } from './migration-run-state';

/** Kept above the screens so switching screens, or profiles, never loses a run. */
export const migrationRun = createStore(noRun);

let controller: AbortController | undefined;

type RunMigration = (
  input: { profileId: string; dryRun: boolean; allowSynapseConnections: boolean; verify: boolean },
  options: { onEvent: (progress: MigrationProgress) => void; signal: AbortSignal },
) => Promise<MigrationReport>;

export interface RunChoices {
  /** The admin acknowledged, naming them, the other sessions on Synapse's database (SPEC §2 synapse-connections). */
  allowSynapseConnections?: boolean;
  /** Compare MAS with Synapse before the run commits (SPEC §10 `migrate --verify`; a dry run before MAS is emptied). */
  verify?: boolean;
}

export async function startMigration(
  profile: ProfileView,
  dryRun: boolean,
  choices: RunChoices = {},
  call: RunMigration = (input, options) => client().call('migration.run', input, options),
): Promise<void> {
  const last = migrationRun.get();
  const started = runStarted(last, profile, dryRun, Date.now());
  if (started === last) return;
  migrationRun.set(started);
  const { runId } = started;
  const abort = new AbortController();
  controller = abort;
  try {
    const report = await call(
      { profileId: profile.id, dryRun, allowSynapseConnections: choices.allowSynapseConnections === true, verify: choices.verify === true },
      { onEvent: (progress) => migrationRun.set((s) => progressReceived(s, runId, progress, Date.now())), signal: abort.signal },
    );
    migrationRun.set((s) => runFinished(s, runId, report, Date.now()));
  } catch (error) {
    migrationRun.set((s) => runFailed(s, runId, error, Date.now()));
  } finally {
    if (controller === abort) controller = undefined;
  }
}

export function cancelMigration(): void {
  if (!controller) return;
  migrationRun.set((s) => cancelRequested(s, Date.now()));
  controller.abort();
}
