import { useQuery } from '@tanstack/react-query';
import type { Contract, InputOf } from '../../../src-shared/contract';
import type { DraftView } from '../../../src-shared/contract/config';
import type { ProfileView } from '../../../src-shared/domain/profile';
import { client, IpcError } from '../ipc/client';
import { draftEdited, draftSaved, masDraft, openMasDraft } from './mas-draft';
import { profileQueryKey } from './profile-queries';
import { configScope } from './profile-scope';
import { profileSources } from './profile-sources';
import { profileChanged, replyWhileOpen } from './session';

/** The profile's configs as main reads them (locally or over SFTP); secrets only as set or not. Read again when the config files move. */
export function useProfileConfigs(profile: ProfileView) {
  return useQuery({
    queryKey: profileQueryKey('configs', profile),
    queryFn: () => client().call('config.read', { profileId: profile.id }),
  });
}

/** The profile's MAS config file opened as the draft, when it names one (null: it names none, or the reply came too late). */
export function useMasDraft(profile: ProfileView) {
  const masPath = profileSources(profile).masPaths[0] ?? '';
  return useQuery({
    queryKey: profileQueryKey('mas-draft', profile, masPath),
    queryFn: async () => (masPath ? ((await openMasDraft(profile)) ?? null) : null),
  });
}

/** A missing MAS config file is the normal start: the admin generates one. */
export function isMissingFile(error: unknown): boolean {
  return error instanceof IpcError && error.code === 'file-missing';
}

/** The MAS config generated from the Synapse config; undefined when the reply came after the profile left. */
export function generateMasConfig(profile: ProfileView) {
  return replyWhileOpen(profile, configScope, () => client().call('config.generate', { profileId: profile.id }));
}

/** One change of the draft: a value set at a key path. */
export type ConfigEdit = InputOf<Contract['config.edit']>['edits'][number];

/** Applies edits to the draft in main; throws main's refusal. */
export async function editDraft(draft: DraftView, edits: ConfigEdit[]): Promise<DraftView> {
  const next = await client().call('config.edit', { draftId: draft.draftId, edits });
  draftEdited(next);
  return next;
}

/** The draft checked against MAS's schema and the Synapse config. */
export function validateDraft(profile: ProfileView, draft: DraftView) {
  return client().call('config.validate', { profileId: profile.id, draftId: draft.draftId });
}

/**
 * Writes the draft to the profile's MAS config file, or to `newPath` when it
 * names none yet: that file then becomes the profile's MAS config.
 */
export async function saveDraft(profileId: string, newPath: string | undefined) {
  const draft = masDraft.get().draft!;
  const saved = await client().call('config.saveMas', { profileId, draftId: draft.draftId, ...(newPath ? { path: newPath } : {}) });
  const named = newPath ? await client().call('profiles.get', { id: profileId }) : undefined;
  draftSaved(named);
  if (named) profileChanged(named);
  return saved;
}

/** Writes Synapse's matrix_authentication_service section; main takes its secret from the draft of the saved MAS config. */
export async function saveSynapseSection(profile: ProfileView, path: string) {
  const current = masDraft.get();
  if (current.profileId === profile.id && current.dirty)
    throw new Error('The MAS config has changes that are not saved: save it first, so Synapse and MAS share the same secret.');
  const draft = profileSources(profile).masPaths.length ? await openMasDraft(profile) : undefined;
  if (!draft) throw new Error('Open or generate the MAS config on the Configuration screen first: the section takes its secret from it.');
  return client().call('config.saveSynapseSection', { profileId: profile.id, draftId: draft.draftId, path });
}
