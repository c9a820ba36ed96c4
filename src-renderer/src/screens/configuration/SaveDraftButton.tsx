import { useState } from 'react';
import type { DraftView } from '../../../../src-shared/contract/config';
import { Button } from '../../components/Button';
import { saveDraft } from '../../store/config-actions';
import { useStore } from '../../store/create-store';
import { masDraft } from '../../store/mas-draft';
import { SaveDialog } from './SaveDialog';

export interface SaveDraftButtonProps {
  profileId: string;
  /** The profile's MAS config file, where main saves (on this computer or its server); '' when it names none yet. */
  path: string;
  /** Where a new file goes when the profile names none yet. */
  suggestedPath: string;
  where: string;
  /** Brings pending editor text into the draft first; undefined stops the save (the failure is shown by the caller). */
  prepare?: () => Promise<DraftView | undefined>;
  /** Editor text not applied to the draft yet counts as unsaved too. */
  pending?: boolean;
  onSaved: (saved: SavedFile) => void;
}

export interface SavedFile {
  path: string;
  backup?: string | undefined;
}

/** "Save…": shows the change against the file and writes it, keeping a backup of the file it replaces. */
export function SaveDraftButton({ profileId, path, suggestedPath, where, prepare, pending = false, onSaved }: SaveDraftButtonProps) {
  const state = useStore(masDraft, (s) => s);
  const [open, setOpen] = useState(false);
  const [newPath, setNewPath] = useState(suggestedPath);
  async function start() {
    if (prepare && !(await prepare())) return;
    setOpen(true);
  }
  async function save() {
    onSaved(await saveDraft(profileId, path ? undefined : newPath.trim()));
  }
  return (
    <>
      <Button variant="primary" onClick={() => void start()} disabled={!state.draft || !(state.dirty || pending)}>
        Save…
      </Button>
      <SaveDialog
        open={open}
        path={path || newPath}
        onPathChange={path ? undefined : setNewPath}
        where={where}
        before={state.savedPreview ?? ''}
        after={state.draft?.preview ?? ''}
        onSave={save}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
