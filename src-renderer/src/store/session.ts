import type { ProfileView } from '../../../src-shared/domain/profile';
import type { ScreenId } from '../screens';
import { createStore, type Store } from './create-store';
import { describesOpenProfile, type Scope } from './profile-scope';

/** Where the admin is: the screen shown and the profile being worked on (as main last returned it). */
export interface Session {
  screen: ScreenId;
  profile: ProfileView | undefined;
  /** The element id of the part of the screen to land on (a finding's fix), taken by that part once shown. */
  landing?: string | undefined;
}

export const session = createStore<Session>({ screen: 'profiles', profile: undefined });

export function goTo(screen: ScreenId, landing?: string): void {
  session.set({ screen, landing });
}

/** Whether the admin came to land on `id`; the landing is used up. */
export function takeLanding(id: string): boolean {
  if (session.get().landing !== id) return false;
  session.set({ landing: undefined });
  return true;
}

export function openProfile(profile: ProfileView, screen: ScreenId = 'connections'): void {
  session.set({ profile, screen });
}

/** After main saved the profile: keeps the open copy current (what was made from its old settings is forgotten, see below). */
export function profileChanged(profile: ProfileView): void {
  if (session.get().profile?.id === profile.id) session.set({ profile });
}

export function profileRemoved(id: string): void {
  if (session.get().profile?.id === id) session.set({ profile: undefined, screen: 'profiles' });
}

/**
 * Resets `store` as soon as the open profile no longer has the settings (in
 * `scope`) its state was made from: another profile opened, or this one saved
 * with, say, another config file or database.
 */
export function forgetWhenProfileLeaves<T extends { scope: string | undefined }>(store: Store<T>, initial: T, scope: Scope): void {
  session.subscribe(() => {
    const made = store.get().scope;
    if (made !== undefined && !describesOpenProfile(made, session.get().profile, scope)) store.set(initial);
  });
}

/**
 * Main's reply to a call made for `profile`, or undefined when it comes after
 * another profile was opened or this one was saved with other settings in
 * `scope`: a late reply, or a late failure, never lands on what is shown now.
 */
export async function replyWhileOpen<T>(profile: ProfileView, scope: Scope, call: () => Promise<T>): Promise<T | undefined> {
  const asked = scope(profile);
  const stillOpen = () => describesOpenProfile(asked, session.get().profile, scope);
  try {
    const reply = await call();
    return stillOpen() ? reply : undefined;
  } catch (error) {
    if (stillOpen()) throw error;
    return undefined;
  }
}
