import type { DraftView } from '../../../src-shared/contract/config';
import type { ProfileView } from '../../../src-shared/domain/profile';
import { client } from '../ipc/client';
import { createStore } from './create-store';
import { configScope } from './profile-scope';
import { forgetWhenProfileLeaves, replyWhileOpen } from './session';

/**
 * The MAS config being worked on, held in main as a draft (its secrets never
 * come here): opened from the profile's MAS config file or generated. The
 * Configuration and Identity providers screens edit the same draft.
 */
export interface MasDraftState {
  profileId: string | undefined;
  /** configScope of the profile the draft was opened or generated for. */
  scope: string | undefined;
  draft: DraftView | undefined;
  /** The file's content as last opened or saved (redacted), to diff against. */
  savedPreview: string | undefined;
  /** Edits not saved to the file yet. */
  dirty: boolean;
}

export const noDraft: MasDraftState = { profileId: undefined, scope: undefined, draft: undefined, savedPreview: undefined, dirty: false };

export const masDraft = createStore(noDraft);
// Opened from one profile's files: another profile, or other config files, makes it void.
forgetWhenProfileLeaves(masDraft, noDraft, configScope);

type OpenMas = (input: { profileId: string }) => Promise<DraftView>;

/**
 * Opens the profile's MAS config file (here or on its server) as the draft, unless this profile's draft is already open.
 * Undefined when the reply came after another profile was opened or this one's config files changed.
 */
export async function openMasDraft(
  profile: ProfileView,
  force = false,
  call: OpenMas = (input) => client().call('config.openMas', input),
): Promise<DraftView | undefined> {
  const scope = configScope(profile);
  const current = masDraft.get();
  if (!force && current.scope === scope && current.draft) return current.draft;
  const draft = await replyWhileOpen(profile, configScope, () => call({ profileId: profile.id }));
  if (draft) masDraft.set({ profileId: profile.id, scope, draft, savedPreview: draft.preview, dirty: false });
  return draft;
}

/** A generated config the admin chose becomes the draft, compared with the file as last opened when that was this profile's. */
export function draftReplaced(profile: ProfileView, draft: DraftView): void {
  const scope = configScope(profile);
  masDraft.set((s) => ({ ...(s.scope === scope ? s : { ...noDraft, profileId: profile.id, scope }), draft, dirty: true }));
}

/** The draft after an edit; an edit of a draft no longer shown (replaced, or another profile's) is dropped. */
export function draftEdited(draft: DraftView): void {
  masDraft.set((s) => (s.draft?.draftId === draft.draftId ? { ...s, draft, dirty: true } : s));
}

/** After the draft was saved. `named`: the profile after a save that named its MAS config file, which the draft now is. */
export function draftSaved(named?: ProfileView): void {
  masDraft.set((s) => ({ ...s, ...(named ? { scope: configScope(named) } : {}), savedPreview: s.draft?.preview, dirty: false }));
}
