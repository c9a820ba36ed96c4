import type { ProfileView } from '../../../src-shared/domain/profile';
import { client } from '../ipc/client';
import { configScope } from '../store/profile-scope';
import { replyWhileOpen } from '../store/session';
import { useLoad } from './useLoad';

/** The profile's configs as main reads them (locally or over SFTP); secrets only as set or not. Read again when the config files move. */
export function useProfileConfigs(profile: ProfileView) {
  return useLoad(
    () => replyWhileOpen(profile, configScope, () => client().call('config.read', { profileId: profile.id })),
    [configScope(profile)],
  );
}
