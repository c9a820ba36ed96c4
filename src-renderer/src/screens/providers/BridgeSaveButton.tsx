import { useState } from 'react';
import type { ProfileView } from '../../../../src-shared/domain/profile';
import { Button } from '../../components/Button';
import { saveBridges } from '../../store/bridge-actions';
import { useStore } from '../../store/create-store';
import { masDraft } from '../../store/mas-draft';
import { profileSources } from '../../store/profile-sources';
import { DexSaveNote } from '../configuration/DexSaveNote';
import { SaveDialog } from '../configuration/SaveDialog';
import type { SavedFile } from '../configuration/SaveDraftButton';

export interface BridgeSaveButtonProps {
  profile: ProfileView;
  /** Whether Dex's config is saved too. */
  withDex: boolean;
  /** Brings pending editor text into both drafts first; false stops the save (the failure is shown by the caller). */
  prepare: () => Promise<boolean>;
  onSaved: (saved: SavedFile[]) => void;
}

/** "Save…" for the bridges: Dex's config beside the MAS config, then the MAS config, as the MAS config save does (with backups). */
export function BridgeSaveButton({ profile, withDex, prepare, onSaved }: BridgeSaveButtonProps) {
  const sources = profileSources(profile);
  const path = sources.masPaths[0] ?? '';
  const state = useStore(masDraft, (s) => s);
  const [open, setOpen] = useState(false);
  const [newPath, setNewPath] = useState(sources.suggestedMasPath);
  const target = path || newPath.trim();
  async function start() {
    if (await prepare()) setOpen(true);
  }
  return (
    <>
      <Button variant="primary" onClick={() => void start()} disabled={!state.draft}>
        Save the files…
      </Button>
      <SaveDialog
        open={open}
        title={withDex ? "Save Dex's config and the MAS config" : 'Save the MAS config'}
        path={path || newPath}
        onPathChange={path ? undefined : setNewPath}
        where={sources.masWhere}
        before={state.savedPreview ?? ''}
        after={state.draft?.preview ?? ''}
        onSave={async () => onSaved(await saveBridges(profile, path ? undefined : newPath.trim()))}
        onClose={() => setOpen(false)}
      >
        {withDex ? <DexSaveNote masPath={target} where={sources.masWhere} /> : null}
      </SaveDialog>
    </>
  );
}
