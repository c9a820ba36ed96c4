import type { ProfileView } from '../../../src-shared/domain/profile';
import type { ScreenId } from '../screens';
import { createStore } from './create-store';

/** Where the admin is: the screen shown and the profile being worked on (as main last returned it). */
export interface Session {
  screen: ScreenId;
  profile: ProfileView | undefined;
}

export const session = createStore<Session>({ screen: 'profiles', profile: undefined });

export function goTo(screen: ScreenId): void {
  session.set({ screen });
}

export function openProfile(profile: ProfileView, screen: ScreenId = 'connections'): void {
  session.set({ profile, screen });
}

/** After main saved the profile: keeps the open copy current. */
export function profileChanged(profile: ProfileView): void {
  if (session.get().profile?.id === profile.id) session.set({ profile });
}

export function profileRemoved(id: string): void {
  if (session.get().profile?.id === id) session.set({ profile: undefined, screen: 'profiles' });
}
