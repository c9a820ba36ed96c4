import type { DraftView } from '../../../src-shared/contract/config';
import { client } from '../ipc/client';
import { createStore } from './create-store';

/**
 * The MAS config being worked on, held in main as a draft (its secrets never
 * come here): opened from the profile's MAS config file or generated. The
 * Configuration and Identity providers screens edit the same draft.
 */
export interface MasDraftState {
  profileId: string | undefined;
  draft: DraftView | undefined;
  /** The file's content as last opened or saved (redacted), to diff against. */
  savedPreview: string | undefined;
  /** Edits not saved to the file yet. */
  dirty: boolean;
}

export const masDraft = createStore<MasDraftState>({ profileId: undefined, draft: undefined, savedPreview: undefined, dirty: false });

/** Opens the profile's MAS config file (here or on its server) as the draft, unless this profile's draft is already open. */
export async function openMasDraft(profileId: string, force = false): Promise<DraftView> {
  const current = masDraft.get();
  if (!force && current.profileId === profileId && current.draft) return current.draft;
  const draft = await client().call('config.openMas', { profileId });
  masDraft.set({ profileId, draft, savedPreview: draft.preview, dirty: false });
  return draft;
}

/** Replaces the draft (a generated config the admin chose, or the result of an edit). */
export function draftChanged(draft: DraftView): void {
  masDraft.set({ draft, dirty: true });
}

export function draftSaved(): void {
  masDraft.set((s) => ({ ...s, savedPreview: s.draft?.preview, dirty: false }));
}
