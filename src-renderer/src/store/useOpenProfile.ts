import type { ProfileView } from '../../../src-shared/domain/profile';
import { useStore } from './create-store';
import { session } from './session';

/** The open profile; screens after Profiles are only reachable with one open. */
export function useOpenProfile(): ProfileView {
  const profile = useStore(session, (s) => s.profile);
  if (!profile) throw new Error('This screen needs an open profile.');
  return profile;
}
