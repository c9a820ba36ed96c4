import type { CheckResult } from '../../../src-shared/contract/checks';
import type { Finding } from '../../../src-shared/domain/finding';
import type { ProfileView } from '../../../src-shared/domain/profile';
import { plural } from '../../../src-shared/text';
import { checksScope } from './profile-scope';

/** The last check of one profile (with the settings in `scope`) and the warnings the admin has acknowledged. */
export interface ChecksState {
  profileId: string | undefined;
  /** checksScope of the profile the findings were made for; undefined when nothing is checked. */
  scope: string | undefined;
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

export const noChecks: ChecksState = {
  profileId: undefined,
  scope: undefined,
  findings: undefined,
  ranAt: undefined,
  running: false,
  error: undefined,
  databasesChecked: false,
  acknowledged: new Set(),
  providerUsers: new Map(),
};

/** Identifies one finding across reruns: the same rule at the same place. */
export function findingKey(f: Finding): string {
  return `${f.id}|${f.source ?? ''}`;
}

/** What is kept of `state` for a check of `profile`: everything when it was made for the same settings, nothing otherwise. */
function sameChecks(state: ChecksState, profile: ProfileView): ChecksState {
  const scope = checksScope(profile);
  return state.scope === scope ? state : { ...noChecks, profileId: profile.id, scope };
}

/** A check starts: the last findings of the same settings stay shown, and acknowledged, while it runs. */
export function checksStarted(state: ChecksState, profile: ProfileView): ChecksState {
  return { ...sameChecks(state, profile), running: true, error: undefined };
}

export function checksFinished(
  state: ChecksState,
  profile: ProfileView,
  result: Pick<CheckResult, 'findings' | 'databasesChecked' | 'providerUsers'>,
  ranAt: string,
): ChecksState {
  const base = sameChecks(state, profile);
  // Acknowledgements only carry over for warnings that are still there.
  const stillThere = new Set(result.findings.filter((f) => f.severity === 'warning').map(findingKey));
  return {
    ...base,
    findings: result.findings,
    databasesChecked: result.databasesChecked,
    providerUsers: new Map(result.providerUsers.map((p) => [p.authProvider, p.users])),
    ranAt,
    running: false,
    error: undefined,
    acknowledged: new Set([...base.acknowledged].filter((k) => stillThere.has(k))),
  };
}

export function checksFailed(state: ChecksState, profile: ProfileView, error: unknown): ChecksState {
  return { ...sameChecks(state, profile), running: false, error };
}

export function withAcknowledged(state: ChecksState, key: string, yes: boolean): ChecksState {
  const acknowledged = new Set(state.acknowledged);
  if (yes) acknowledged.add(key);
  else acknowledged.delete(key);
  return { ...state, acknowledged };
}

/** Why a real migration of `profile` may not start yet, in the admin's words; empty when it may. */
export function realRunBlockers(state: ChecksState, profile: ProfileView): string[] {
  if (state.scope !== checksScope(profile) || !state.findings) return ['Run the checks first.'];
  const errors = state.findings.filter((f) => f.severity === 'error').length;
  const unacknowledged = state.findings.filter((f) => f.severity === 'warning' && !state.acknowledged.has(findingKey(f))).length;
  const blockers: string[] = [];
  if (!state.databasesChecked)
    blockers.push('The databases were not checked: name the MAS config on the Connections screen and run the checks again.');
  if (errors) blockers.push(`Fix ${plural(errors, 'error')} found by the checks, then run them again.`);
  if (unacknowledged) blockers.push(`Acknowledge ${plural(unacknowledged, 'warning')} on the Checks screen.`);
  return blockers;
}
