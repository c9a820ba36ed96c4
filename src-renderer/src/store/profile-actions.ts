import { useQuery } from '@tanstack/react-query';
import type { PresentedHostKey } from '../../../src-shared/contract/connections';
import type { SandboxInfo } from '../../../src-shared/contract/sandbox';
import type { ProfileSettingsInput, ProfileView, SecretsInput } from '../../../src-shared/domain/profile';
import { downloadText } from '../download';
import { client } from '../ipc/client';
import { blankSettings, draftOf } from './profile-draft';
import { runChecks } from './checks';
import { queryClient } from './query-client';
import { sandbox } from './sandbox';
import { openProfile, profileChanged, profileRemoved } from './session';

const profileList = ['profiles'];

/** The saved profiles, and the profile files main could not read. */
export function useProfileList() {
  return useQuery({ queryKey: profileList, queryFn: () => client().call('profiles.list', {}) });
}

/** After a profile was added, changed or removed: the list is read again. */
function listChanged(): void {
  void queryClient.invalidateQueries({ queryKey: profileList });
}

/** Saves a profile's settings, and the secrets typed since (an absent slot keeps what main holds). */
export async function saveProfile(id: string, settings: ProfileSettingsInput, secrets: SecretsInput = {}): Promise<ProfileView> {
  const saved = await client().call('profiles.update', { id, settings, secrets });
  profileChanged(saved);
  listChanged();
  return saved;
}

export async function createProfile(name: string): Promise<void> {
  const profile = await client().call('profiles.create', { settings: blankSettings(name), secrets: {} });
  listChanged();
  openProfile(profile);
}

export async function renameProfile(profile: ProfileView, name: string): Promise<void> {
  await saveProfile(profile.id, { ...draftOf(profile).settings, name });
}

export async function duplicateProfile(profile: ProfileView, name: string): Promise<void> {
  await client().call('profiles.duplicate', { id: profile.id, name });
  listChanged();
}

export async function deleteProfile(profile: ProfileView): Promise<void> {
  await client().call('profiles.delete', { id: profile.id });
  profileRemoved(profile.id);
  listChanged();
}

/** The profile and its passwords, encrypted with the passphrase, downloaded as a file. */
export async function exportProfile(profile: ProfileView, passphrase: string): Promise<void> {
  const result = await client().call('profiles.export', { id: profile.id, passphrase });
  downloadText(result.fileName, result.content, 'application/json');
}

export async function importProfiles(content: string, passphrase: string): Promise<void> {
  await client().call('profiles.import', { content, passphrase });
  listChanged();
}

/** A sandbox started (its profile opens) or stopped (null). */
export async function sandboxChanged(info: SandboxInfo | null): Promise<void> {
  sandbox.set({ info });
  listChanged();
  if (info) openProfile(await client().call('profiles.get', { id: info.profileId }));
}

/**
 * The --ignore-missing-auth-providers option saved in the profile. It decides
 * whether an unknown provider is an error or a warning: the findings are void,
 * so the checks run again.
 */
export async function ignoreMissingProviders(profile: ProfileView, ignore: boolean): Promise<void> {
  const { options } = profile;
  const updated = await saveProfile(profile.id, {
    ...draftOf(profile).settings,
    options: { ...options, ignoreMissingAuthProviders: ignore },
  });
  void runChecks(updated);
}

/** The admin confirmed an SSH server's host key: the profile trusts it from now on. */
export async function trustHostKey(profile: ProfileView, key: PresentedHostKey): Promise<void> {
  await client().call('connections.confirmHostKey', { profileId: profile.id, ...key });
  profileChanged(await client().call('profiles.get', { id: profile.id }));
}
