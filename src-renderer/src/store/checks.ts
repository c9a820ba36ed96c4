import { plural } from '../../../src-shared/text';
import type { Finding } from '../../../src-shared/domain/finding';
import { client } from '../ipc/client';
import { createStore } from './create-store';

/** The last check of the open profile and the warnings the admin has acknowledged. */
export interface ChecksState {
  profileId: string | undefined;
  findings: readonly Finding[] | undefined;
  ranAt: string | undefined;
  running: boolean;
  error: unknown;
  /** False when the databases were not checked (no MAS config named yet): the real run stays blocked. */
  databasesChecked: boolean;
  /** Keys (see findingKey) of acknowledged warnings. */
  acknowledged: ReadonlySet<string>;
  /** Users per Synapse `auth_provider`, from the database checks. */
  providerUsers: ReadonlyMap<string, number>;
}

export const checks = createStore<ChecksState>({
  profileId: undefined,
  findings: undefined,
  ranAt: undefined,
  running: false,
  error: undefined,
  databasesChecked: false,
  acknowledged: new Set(),
  providerUsers: new Map(),
});

/** Identifies one finding across reruns: the same rule at the same place. */
export function findingKey(f: Finding): string {
  return `${f.id}|${f.source ?? ''}`;
}

/** Every check of the profile in main: both configs, then both databases and the integrity scan (read-only: Synapse may run). */
export async function runChecks(profileId: string): Promise<void> {
  const previous = checks.get();
  const acknowledged = previous.profileId === profileId ? previous.acknowledged : new Set<string>();
  checks.set({
    profileId,
    running: true,
    error: undefined,
    acknowledged,
    ...(previous.profileId === profileId ? {} : { findings: undefined, ranAt: undefined, providerUsers: new Map() }),
  });
  try {
    const { findings, databasesChecked, providerUsers } = await client().call('checks.run', { profileId });
    // Acknowledgements only carry over for warnings that are still there.
    const stillThere = new Set(findings.filter((f) => f.severity === 'warning').map(findingKey));
    checks.set({
      findings,
      databasesChecked,
      providerUsers: new Map(providerUsers.map((p) => [p.authProvider, p.users])),
      ranAt: new Date().toISOString(),
      running: false,
      acknowledged: new Set([...acknowledged].filter((k) => stillThere.has(k))),
    });
  } catch (error) {
    checks.set({ running: false, error });
  }
}

export function acknowledge(key: string, yes: boolean): void {
  checks.set((s) => {
    const next = new Set(s.acknowledged);
    if (yes) next.add(key);
    else next.delete(key);
    return { ...s, acknowledged: next };
  });
}

/** Why a real migration may not start yet, in the admin's words; empty when it may. */
export function realRunBlockers(state: ChecksState, profileId: string): string[] {
  if (state.profileId !== profileId || !state.findings) return ['Run the checks first.'];
  const errors = state.findings.filter((f) => f.severity === 'error').length;
  const unacknowledged = state.findings.filter((f) => f.severity === 'warning' && !state.acknowledged.has(findingKey(f))).length;
  const blockers: string[] = [];
  if (!state.databasesChecked)
    blockers.push('The databases were not checked: name the MAS config on the Connections screen and run the checks again.');
  if (errors) blockers.push(`Fix ${plural(errors, 'error')} found by the checks, then run them again.`);
  if (unacknowledged) blockers.push(`Acknowledge ${plural(unacknowledged, 'warning')} on the Checks screen.`);
  return blockers;
}
