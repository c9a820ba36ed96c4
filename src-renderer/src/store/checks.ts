import type { CheckResult } from '../../../src-shared/contract/checks';
import type { ProfileView } from '../../../src-shared/domain/profile';
import { client } from '../ipc/client';
import { checksFailed, checksFinished, checksStarted, noChecks, withAcknowledged } from './checks-state';
import { createStore } from './create-store';
import { checksScope } from './profile-scope';
import { forgetWhenProfileLeaves, replyWhileOpen } from './session';

export const checks = createStore(noChecks);
// The findings describe one profile's configs and databases: another profile, or other settings, makes them void.
forgetWhenProfileLeaves(checks, noChecks, checksScope);

type RunChecks = (input: { profileId: string }) => Promise<CheckResult>;

/** Every check of the profile in main: both configs, then both databases and the integrity scan (read-only: Synapse may run). */
export async function runChecks(profile: ProfileView, call: RunChecks = (input) => client().call('checks.run', input)): Promise<void> {
  checks.set((s) => checksStarted(s, profile));
  try {
    const result = await replyWhileOpen(profile, checksScope, () => call({ profileId: profile.id }));
    if (result) checks.set((s) => checksFinished(s, profile, result, new Date().toISOString()));
  } catch (error) {
    checks.set((s) => checksFailed(s, profile, error));
  }
}

/**
 * SPEC §10 check-password for one user; undefined when the reply came after
 * the profile left. The password goes out in this one call and is not kept.
 */
export function testPassword(profile: ProfileView, userId: string, password: string) {
  return replyWhileOpen(profile, checksScope, () => client().call('checks.password', { profileId: profile.id, userId, password }));
}

export function acknowledge(key: string, yes: boolean): void {
  checks.set((s) => withAcknowledged(s, key, yes));
}
