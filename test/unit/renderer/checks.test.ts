import { beforeEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../src-shared/contract/checks';
import type { Finding } from '../../../src-shared/domain/finding';
import { acknowledge, checks, runChecks } from '../../../src-renderer/src/store/checks';
import {
  type ChecksState,
  checksFinished,
  checksStarted,
  findingKey,
  noChecks,
  realRunBlockers,
} from '../../../src-renderer/src/store/checks-state';
import { openProfile, profileChanged, session } from '../../../src-renderer/src/store/session';
import { deferred, finding, idA, idB, movedSynapseConfig, profileView } from './profile-views';

const profile = profileView(idA);
const result = (findings: Finding[], databasesChecked = true) => ({ findings, databasesChecked, providerUsers: [] });
const checked = (findings: Finding[], databasesChecked = true, acknowledged: string[] = []): ChecksState => ({
  ...checksFinished(noChecks, profile, result(findings, databasesChecked), '2026-01-01T00:00:00Z'),
  acknowledged: new Set(acknowledged),
});

describe('what blocks a real run', () => {
  it('asks for the checks when none ran, or they ran for another profile or for other settings of this one', () => {
    expect(realRunBlockers(noChecks, profile)).toEqual(['Run the checks first.']);
    expect(realRunBlockers(checked([]), profileView(idB))).toEqual(['Run the checks first.']);
    expect(realRunBlockers(checked([]), profileView(idA, movedSynapseConfig))).toEqual(['Run the checks first.']);
    expect(
      realRunBlockers(
        checked([]),
        profileView(idA, (s) => ({ ...s, name: 'Renamed' })),
      ),
    ).toEqual([]);
  });

  it('counts every error, and only errors, as something to fix', () => {
    const state = checked([finding('a', 'error'), finding('b', 'error', 'x'), finding('c', 'info')]);
    expect(realRunBlockers(state, profile)).toEqual(['Fix 2 errors found by the checks, then run them again.']);
  });

  it('counts the warnings not acknowledged; acknowledged ones and notices do not block', () => {
    const warnings = [finding('w', 'warning', 'users'), finding('w', 'warning', 'devices'), finding('n', 'info')];
    expect(realRunBlockers(checked(warnings), profile)).toEqual(['Acknowledge 2 warnings on the Checks screen.']);
    expect(realRunBlockers(checked(warnings, true, [findingKey(warnings[0]!)]), profile)).toEqual([
      'Acknowledge 1 warning on the Checks screen.',
    ]);
    expect(realRunBlockers(checked(warnings, true, warnings.map(findingKey)), profile)).toEqual([]);
  });

  it('blocks while the databases were not checked, even with nothing found', () => {
    expect(realRunBlockers(checked([], false), profile)).toEqual([
      'The databases were not checked: name the MAS config on the Connections screen and run the checks again.',
    ]);
  });
});

describe('acknowledgements across reruns', () => {
  it('names a finding by its rule and place, not by its message or count', () => {
    const before = finding('orphan-rows', 'warning', 'devices');
    expect(findingKey({ ...before, message: 'now 12 rows', count: 12 })).toBe(findingKey(before));
    expect(findingKey(finding('orphan-rows', 'warning', 'tokens'))).not.toBe(findingKey(before));
    expect(findingKey(finding('orphan-rows', 'warning'))).not.toBe(findingKey(before));
  });

  it('keeps an acknowledgement only while its warning is still there as a warning', () => {
    const [kept, gone, worse] = [finding('w1', 'warning', 's'), finding('w2', 'warning'), finding('w3', 'warning')];
    const before = checked([kept, gone, worse], true, [kept, gone, worse].map(findingKey));
    const after = checksFinished(checksStarted(before, profile), profile, result([kept, { ...worse, severity: 'error' }]), 'later');
    expect([...after.acknowledged]).toEqual([findingKey(kept)]);
  });

  it('shows the last findings of the same settings while the checks run again, and starts empty for other settings', () => {
    const before = checked([finding('w', 'warning')], true, [findingKey(finding('w', 'warning'))]);
    const again = checksStarted(before, profile);
    expect(again).toMatchObject({ running: true, findings: before.findings, acknowledged: before.acknowledged });
    const moved = checksStarted(before, profileView(idA, movedSynapseConfig));
    expect(moved).toMatchObject({ running: true, findings: undefined, acknowledged: new Set() });
    const done = checksFinished(moved, profileView(idA, movedSynapseConfig), result([finding('w', 'warning')]), 'later');
    expect(done.acknowledged.size).toBe(0);
  });
});

/** A run of the checks whose reply (or failure) comes when the test says. */
function startChecks(p = profile) {
  const reply = deferred<CheckResult>();
  const done = runChecks(p, () => reply.promise);
  return {
    answer(findings: Finding[]) {
      reply.resolve({ ...result(findings), providers: [], masSchemaVersion: null, masState: 'fresh' });
      return done;
    },
    fail(error: unknown) {
      reply.reject(error);
      return done;
    },
  };
}

describe('the checks store when the open profile changes', () => {
  const w = finding('w', 'warning');

  beforeEach(() => {
    session.set({ profile: undefined, screen: 'profiles' });
    openProfile(profile, 'checks');
  });

  it('stores the reply for the profile still open', async () => {
    await startChecks().answer([w]);
    expect(checks.get()).toMatchObject({ profileId: idA, running: false, findings: [w] });
  });

  it('forgets the findings when another profile is opened, and drops the late reply', async () => {
    await startChecks().answer([w]);
    const run = startChecks();
    openProfile(profileView(idB));
    expect(checks.get()).toEqual(noChecks);
    await run.answer([finding('late', 'error')]);
    expect(checks.get()).toEqual(noChecks);
  });

  it('forgets the findings when the profile is saved with another config file, and drops the late failure', async () => {
    await startChecks().answer([w]);
    acknowledge(findingKey(w), true);
    const run = startChecks();
    profileChanged(profileView(idA, movedSynapseConfig));
    expect(checks.get()).toEqual(noChecks);
    await run.fail(new Error('the old database is gone'));
    expect(checks.get()).toEqual(noChecks);
  });

  it('keeps the findings when only the name changed, and takes the reply', async () => {
    await startChecks().answer([w]);
    acknowledge(findingKey(w), true);
    const run = startChecks();
    profileChanged(profileView(idA, (s) => ({ ...s, name: 'Renamed' })));
    expect(checks.get().findings).toEqual([w]);
    await run.answer([w, finding('e', 'error')]);
    expect(checks.get()).toMatchObject({ running: false, findings: [w, finding('e', 'error')] });
    expect([...checks.get().acknowledged]).toEqual([findingKey(w)]);
  });

  it('keeps what the admin acknowledged while the checks ran again', async () => {
    const w2 = finding('w2', 'warning');
    await startChecks().answer([w, w2]);
    const run = startChecks();
    acknowledge(findingKey(w2), true);
    await run.answer([w, w2]);
    expect([...checks.get().acknowledged]).toEqual([findingKey(w2)]);
  });

  it('shows a failure of the profile still open', async () => {
    const error = new Error('connection refused');
    await startChecks().fail(error);
    expect(checks.get()).toMatchObject({ profileId: idA, running: false, error });
  });
});
