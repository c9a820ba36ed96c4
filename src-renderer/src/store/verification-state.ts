import type { ProfileView } from '../../../src-shared/domain/profile';
import type { VerificationResult } from '../../../src-shared/domain/verification';
import type { MigrationRun } from './migration-run-state';
import { checksScope } from './profile-scope';

/** Where a shown verification comes from: a dry run's or a real run's own (`--verify`), or "Verify MAS" after the run. */
export type VerificationOrigin = 'dry-run' | 'run' | 'verify';

/** The last "Verify MAS" of one profile (with the databases in `scope`). */
export interface VerificationState {
  /** checksScope of the profile verified (the same sides the checks read); undefined when nothing was asked. */
  scope: string | undefined;
  /** Numbers the requests, so the reply of an earlier one never lands on a later one. */
  requestId: number;
  /** The migration run last started when it was asked: a later run makes the result stale. */
  afterRun: number;
  running: boolean;
  result: VerificationResult | undefined;
  error: unknown;
}

export const noVerification: VerificationState = {
  scope: undefined,
  requestId: 0,
  afterRun: 0,
  running: false,
  result: undefined,
  error: undefined,
};

/** A verification starts; the last result of the same settings stays shown while it runs. */
export function verifyStarted(state: VerificationState, profile: ProfileView, requestId: number, afterRun: number): VerificationState {
  const scope = checksScope(profile);
  const kept = state.scope === scope && state.afterRun === afterRun ? state : noVerification;
  return { ...kept, scope, requestId, afterRun, running: true, error: undefined };
}

export function verifyFinished(state: VerificationState, requestId: number, result: VerificationResult): VerificationState {
  return state.running && state.requestId === requestId ? { ...state, running: false, result } : state;
}

export function verifyFailed(state: VerificationState, requestId: number, error: unknown): VerificationState {
  return state.running && state.requestId === requestId ? { ...state, running: false, error } : state;
}

function current(state: VerificationState, run: Pick<MigrationRun, 'runId'>, profile: ProfileView): boolean {
  return state.scope === checksScope(profile) && state.afterRun === run.runId;
}

/** Whether a verification of `profile` is running now. */
export function verifying(state: VerificationState, run: Pick<MigrationRun, 'runId'>, profile: ProfileView): boolean {
  return state.running && current(state, run, profile);
}

/** Why a verification failed, while it still applies. */
export function verificationError(state: VerificationState, run: Pick<MigrationRun, 'runId'>, profile: ProfileView): unknown {
  return current(state, run, profile) ? state.error : undefined;
}

/**
 * What the Report screen shows: the latest "Verify MAS" of this profile since
 * its last run, else the last run's own verification (`--verify`), else nothing.
 */
export function shownVerification(
  state: VerificationState,
  run: Pick<MigrationRun, 'runId' | 'profileId' | 'report'>,
  profile: ProfileView,
): { result: VerificationResult; origin: VerificationOrigin } | undefined {
  if (state.result && current(state, run, profile)) return { result: state.result, origin: 'verify' };
  const report = run.profileId === profile.id ? run.report : undefined;
  if (report?.verification) return { result: report.verification, origin: report.dryRun ? 'dry-run' : 'run' };
  return undefined;
}

/**
 * Why "Verify MAS" cannot be pressed now, in the admin's words; undefined
 * when it can. After a dry run MAS is empty again: there is nothing to verify.
 */
export function verifyBlocker(run: Pick<MigrationRun, 'status' | 'profileId' | 'report'>, profile: ProfileView): string | undefined {
  if (run.status === 'running' || run.status === 'cancelling') return 'A migration is running: verify once it has finished.';
  if (run.profileId === profile.id && run.report?.dryRun) return 'The dry run left MAS empty again: verify MAS after the real migration.';
  return undefined;
}
