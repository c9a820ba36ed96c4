import type { ProfileView } from '../../../src-shared/domain/profile';
import { client } from '../ipc/client';
import { profileSources } from '../store/profile-sources';
import { useLoad } from './useLoad';

/** The profile's Synapse config as main reads it (secrets only as set or not). */
export function useSynapseConfig(profile: ProfileView) {
  const { synapsePaths } = profileSources(profile).sources;
  return useLoad(async () => (await client().call('config.load', { synapsePaths, masPaths: [] })).synapse, [synapsePaths.join('\n')]);
}
