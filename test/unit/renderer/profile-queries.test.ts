import { beforeEach, describe, expect, it } from 'vitest';
import type { ProfileSettings } from '../../../src-shared/domain/profile';
import { profileQueryKey } from '../../../src-renderer/src/store/profile-queries';
import { queryClient } from '../../../src-renderer/src/store/query-client';
import { openProfile, profileChanged, session } from '../../../src-renderer/src/store/session';
import { deferred, idA, idB, movedSynapseConfig, profileView } from './profile-views';

const profile = profileView(idA);
const renamed = (s: ProfileSettings): ProfileSettings => ({ ...s, name: 'Renamed' });
const otherMasDatabase = (s: ProfileSettings): ProfileSettings => ({ ...s, mas: { ...s.mas, database: { source: 'config' } } });
const read = (key: readonly string[], value: string) => queryClient.fetchQuery({ queryKey: key, queryFn: async () => value });

describe('the key of a read made for a profile', () => {
  it('names the read, the profile and the settings its reply depends on', () => {
    expect(profileQueryKey('configs', profile).slice(0, 2)).toEqual(['configs', idA]);
    expect(profileQueryKey('mas-draft', profile, '/etc/mas/config.yaml').at(-1)).toBe('/etc/mas/config.yaml');
    expect(profileQueryKey('configs', profileView(idB))).not.toEqual(profileQueryKey('configs', profile));
    expect(profileQueryKey('configs', profileView(idA, movedSynapseConfig))).not.toEqual(profileQueryKey('configs', profile));
    for (const change of [renamed, otherMasDatabase])
      expect(profileQueryKey('configs', profileView(idA, change))).toEqual(profileQueryKey('configs', profile));
  });
});

describe('the cache of reads when the open profile changes', () => {
  const configsOfA = profileQueryKey('configs', profile);
  const profileList = ['profiles'];

  beforeEach(() => {
    queryClient.clear();
    session.set({ profile: undefined, screen: 'profiles' });
    openProfile(profile);
  });

  it('keeps what was read while the profile keeps the settings it was read for', async () => {
    await read(configsOfA, 'configs of A');
    profileChanged(profileView(idA, renamed));
    profileChanged(profileView(idA, otherMasDatabase));
    expect(queryClient.getQueryData(configsOfA)).toBe('configs of A');
  });

  it('forgets it when another profile is opened, but not what belongs to no profile', async () => {
    await read(configsOfA, 'configs of A');
    await read(profileList, 'the list');
    openProfile(profileView(idB));
    expect(queryClient.getQueryData(configsOfA)).toBeUndefined();
    expect(queryClient.getQueryData(profileList)).toBe('the list');
  });

  it('forgets it when the profile is saved with its config file elsewhere, and the new settings read again', async () => {
    await read(configsOfA, 'configs of A');
    const moved = profileView(idA, movedSynapseConfig);
    profileChanged(moved);
    expect(queryClient.getQueryData(configsOfA)).toBeUndefined();
    await read(profileQueryKey('configs', moved), 'configs of the moved file');
    expect(queryClient.getQueryData(profileQueryKey('configs', moved))).toBe('configs of the moved file');
  });

  it('drops a late reply: the read still running for the profile that left is cancelled, and its reply not kept', async () => {
    const reply = deferred<string>();
    const late = queryClient.fetchQuery({ queryKey: configsOfA, queryFn: () => reply.promise });
    openProfile(profileView(idB));
    reply.resolve('configs of A, late');
    await expect(late).rejects.toThrow('CancelledError');
    expect(queryClient.getQueryData(configsOfA)).toBeUndefined();
    expect(queryClient.getQueryCache().findAll({ queryKey: ['configs'] })).toEqual([]);
  });
});
