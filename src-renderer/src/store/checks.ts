import type { Finding } from '../../../src-shared/domain/finding';
import type { ProfileView } from '../../../src-shared/domain/profile';
import { client } from '../ipc/client';
import { createStore } from './create-store';
import { profileSources } from './profile-sources';

/** The last check of the open profile and the warnings the admin has acknowledged. */
export interface ChecksState {
  profileId: string | undefined;
  findings: readonly Finding[] | undefined;
  ranAt: string | undefined;
  running: boolean;
  error: unknown;
  /** False when the databases could not be checked (the error says why): the real run stays blocked. */
  databasesChecked: boolean;
  /** Keys (see findingKey) of acknowledged warnings. */
  acknowledged: ReadonlySet<string>;
}

export const checks = createStore<ChecksState>({ profileId: undefined, findings: undefined, ranAt: undefined, running: false, error: undefined, databasesChecked: false, acknowledged: new Set() });

/** Identifies one finding across reruns: the same rule at the same place. */
export function findingKey(f: Finding): string {
  return `${f.id}|${f.source ?? ''}`;
}

/**
 * Both configs, then both databases (read-only: Synapse may run). A database
 * that cannot be reached still leaves the config findings to read.
 */
async function allFindings(profile: ProfileView): Promise<{ findings: Finding[]; error: unknown }> {
  const { sources, problems } = profileSources(profile);
  if (problems.length) throw new Error(problems.join(' '));
  const configs = await client().call('config.check', { synapsePaths: sources.synapsePaths, masPaths: sources.masPaths });
  try {
    const databases = await client().call('migration.checkDatabases', {
      synapseConfig: sources.synapsePaths,
      masConfig: sources.masPaths,
      ignoreMissingAuthProviders: sources.ignoreMissingAuthProviders,
    });
    return { findings: [...configs.findings, ...databases.findings], error: undefined };
  } catch (error) {
    return { findings: configs.findings, error };
  }
}

export async function runChecks(profileId: string, profile: ProfileView): Promise<void> {
  const previous = checks.get();
  const acknowledged = previous.profileId === profileId ? previous.acknowledged : new Set<string>();
  checks.set({ profileId, running: true, error: undefined, acknowledged, ...(previous.profileId === profileId ? {} : { findings: undefined, ranAt: undefined }) });
  try {
    const { findings, error } = await allFindings(profile);
    // Acknowledgements only carry over for warnings that are still there.
    const stillThere = new Set(findings.filter((f) => f.severity === 'warning').map(findingKey));
    checks.set({ findings, error, databasesChecked: error === undefined, ranAt: new Date().toISOString(), running: false, acknowledged: new Set([...acknowledged].filter((k) => stillThere.has(k))) });
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
  if (!state.databasesChecked) blockers.push('The databases could not be checked: fix the connection and run the checks again.');
  if (errors) blockers.push(`Fix ${errors} error${errors > 1 ? 's' : ''} found by the checks, then run them again.`);
  if (unacknowledged) blockers.push(`Acknowledge ${unacknowledged} warning${unacknowledged > 1 ? 's' : ''} on the Checks screen.`);
  return blockers;
}
