import { useState } from 'react';
import type { DraftView } from '../../../../src-shared/contract/config';
import type { ProfileView } from '../../../../src-shared/domain/profile';
import { Button } from '../../components/Button';
import { bridges, saveBridges, unsavedDex } from '../../store/bridge-actions';
import { saveDraft } from '../../store/config-actions';
import { useStore } from '../../store/create-store';
import { masDraft } from '../../store/mas-draft';
import { DexSaveNote } from './DexSaveNote';
import { SaveDialog } from './SaveDialog';

export interface SaveDraftButtonProps {
  profile: ProfileView;
  /** The profile's MAS config file, where main saves (on this computer or its server); '' when it names none yet. */
  path: string;
  /** Where a new file goes when the profile names none yet. */
  suggestedPath: string;
  where: string;
  /** Brings pending editor text into the drafts first; a falsy result stops the save (the failure is shown by the caller). */
  prepare?: () => Promise<DraftView | boolean | undefined>;
  /** Editor text not applied to the draft yet counts as unsaved too. */
  pending?: boolean;
  onSaved: (saved: SavedFile[]) => void;
}

export interface SavedFile {
  path: string;
  backup?: string | undefined;
}

/**
 * "Save…": shows the change against the file and writes it, keeping a backup
 * of the file it replaces. When the bridges' Dex config generated with this
 * draft is not saved yet, it is saved with it (the MAS config's providers for
 * Dex share its client secret), and the dialog says so.
 */
export function SaveDraftButton({ profile, path, suggestedPath, where, prepare, pending = false, onSaved }: SaveDraftButtonProps) {
  const state = useStore(masDraft, (s) => s);
  const dex = useStore(bridges, (s) => unsavedDex(s, state.draft?.draftId));
  const [open, setOpen] = useState(false);
  const [newPath, setNewPath] = useState(suggestedPath);
  async function start() {
    if (prepare && !(await prepare())) return;
    setOpen(true);
  }
  async function save() {
    const target = path ? undefined : newPath.trim();
    onSaved(dex ? await saveBridges(profile, target) : [await saveDraft(profile.id, target)]);
  }
  return (
    <>
      <Button variant="primary" onClick={() => void start()} disabled={!state.draft || !(state.dirty || pending || dex)}>
        Save…
      </Button>
      <SaveDialog
        open={open}
        title={dex ? "Save Dex's config and the MAS config" : undefined}
        path={path || newPath}
        onPathChange={path ? undefined : setNewPath}
        where={where}
        before={state.savedPreview ?? ''}
        after={state.draft?.preview ?? ''}
        onSave={save}
        onClose={() => setOpen(false)}
      >
        {dex ? <DexSaveNote masPath={path || newPath.trim()} where={where} /> : null}
      </SaveDialog>
    </>
  );
}
