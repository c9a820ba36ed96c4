import type { ProfileView } from '../../../src-shared/domain/profile';
import type { VerificationResult } from '../../../src-shared/domain/verification';
import { client } from '../ipc/client';
import { createStore } from './create-store';
import { migrationRun } from './migration-run';
import { checksScope } from './profile-scope';
import { forgetWhenProfileLeaves, replyWhileOpen } from './session';
import { noVerification, verifyFailed, verifyFinished, verifyStarted } from './verification-state';

/** Kept above the screens: the result stays while the admin looks elsewhere. */
export const verification = createStore(noVerification);
// It compares the profile's two databases: another profile, or other sides, make it void.
forgetWhenProfileLeaves(verification, noVerification, checksScope);

let lastRequest = 0;
let controller: AbortController | undefined;

type Verify = (input: { profileId: string }, options: { signal: AbortSignal }) => Promise<VerificationResult>;

/** "Verify MAS" (SPEC §10): MAS compared row by row with what the profile's Synapse says it must hold. */
export async function verifyMas(
  profile: ProfileView,
  call: Verify = (input, options) => client().call('migration.verify', input, options),
): Promise<void> {
  const requestId = ++lastRequest;
  const abort = new AbortController();
  controller?.abort();
  controller = abort;
  verification.set((s) => verifyStarted(s, profile, requestId, migrationRun.get().runId));
  try {
    const result = await replyWhileOpen(profile, checksScope, () => call({ profileId: profile.id }, { signal: abort.signal }));
    if (result) verification.set((s) => verifyFinished(s, requestId, result));
  } catch (error) {
    verification.set((s) => verifyFailed(s, requestId, error));
  } finally {
    if (controller === abort) controller = undefined;
  }
}

export function cancelVerify(): void {
  controller?.abort();
}
