import type { QueryClient } from '@tanstack/react-query';
import type { ProfileView } from '../../../src-shared/domain/profile';
import { configScope, describesOpenProfile, type Scope } from './profile-scope';

/** The reads made for a profile, each with the settings (scope) its reply depends on. */
export const profileQueryScopes = {
  /** Both configs as main reads them. */
  configs: configScope,
  /** The MAS config file opened as the draft. */
  'mas-draft': configScope,
} satisfies Record<string, Scope>;

export type ProfileQuery = keyof typeof profileQueryScopes;

/**
 * A profile read's key: what it reads, the profile, and the scope it was made
 * from. Saving the profile with other settings of that scope gives a new key,
 * so the screen reads again, and a late reply lands under a key no one shows.
 */
export function profileQueryKey(query: ProfileQuery, profile: ProfileView, ...more: string[]): readonly string[] {
  return [query, profile.id, profileQueryScopes[query](profile), ...more];
}

/** Drops every profile read whose scope no longer describes the open profile (another opened, or this one saved elsewhere). */
export function forgetQueriesOfProfilesThatLeft(client: QueryClient, open: ProfileView | undefined): void {
  client.removeQueries({
    predicate: ({ queryKey: [query, , made] }) => {
      const scope = profileQueryScopes[query as ProfileQuery] as Scope | undefined;
      return scope !== undefined && !describesOpenProfile(String(made), open, scope);
    },
  });
}
