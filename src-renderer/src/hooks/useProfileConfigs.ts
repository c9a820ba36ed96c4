import type { ProfileView } from '../../../src-shared/domain/profile';
import { client } from '../ipc/client';
import { useLoad } from './useLoad';

/** The profile's configs as main reads them (locally or over SFTP); secrets only as set or not. */
export function useProfileConfigs(profile: ProfileView) {
  return useLoad(() => client().call('config.read', { profileId: profile.id }), [profile]);
}
