import type { DraftView } from '../../../../src-shared/contract/config';
import { bridges, dexFor, editDexDraft } from '../../store/bridge-actions';
import { editDraft } from '../../store/config-actions';
import { useStore } from '../../store/create-store';
import { masDraft } from '../../store/mas-draft';
import { type DraftEditor, useDraftEditor } from '../configuration/useDraftEditor';

export interface BridgeEditors {
  /** Dex's config generated with the MAS draft; none once another MAS config replaced that draft. */
  dex: DraftView | undefined;
  dexEditor: DraftEditor;
  masEditor: DraftEditor;
  /** Text typed in either editor and not sent to main yet. */
  pending: boolean;
  /** Sends what was typed in both editors to main's drafts; false when that failed (the editor's error says why). */
  prepare: () => Promise<boolean>;
}

/**
 * The editors of the bridges' files (Dex's config, the MAS config), held by
 * the Identity providers screen so that both its Saves (the page header's and
 * the files panel's) send what was typed before saving.
 */
export function useBridgeEditors(): BridgeEditors {
  const mas = useStore(masDraft, (s) => s.draft);
  const dex = useStore(bridges, (s) => dexFor(s, mas?.draftId));
  const dexEditor = useDraftEditor(dex, editDexDraft);
  const masEditor = useDraftEditor(mas, editDraft);
  async function prepare() {
    if (dex && !(await dexEditor.apply.run())) return false;
    return (await masEditor.apply.run()) !== undefined;
  }
  return { dex, dexEditor, masEditor, pending: dexEditor.edited || masEditor.edited, prepare };
}
