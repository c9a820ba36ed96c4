import { useEffect, useState } from 'react';
import type { DraftView } from '../../../../src-shared/contract/config';
import { type Action, useAction } from '../../hooks/useAction';
import type { ConfigEdit } from '../../store/config-actions';
import { editsBetween } from './yaml-edits';

export interface DraftEditor {
  /** What the editor shows: the draft's redacted text as the admin changed it. */
  text: string;
  setText: (text: string) => void;
  /** The admin typed something not sent to main yet. */
  edited: boolean;
  /** Sends the typed changes to main's draft key by key (never a secret); resolves to the draft as it then is. */
  apply: Action<[], DraftView | undefined>;
}

/** A draft held in main (a MAS or a Dex config) in an editor: the text follows the draft, and edits go back as key-by-key changes. */
export function useDraftEditor(
  draft: DraftView | undefined,
  edit: (draft: DraftView, edits: ConfigEdit[]) => Promise<DraftView>,
): DraftEditor {
  const [text, setText] = useState(draft?.preview ?? '');
  useEffect(() => setText(draft?.preview ?? ''), [draft]);
  const edited = draft !== undefined && text !== draft.preview;
  const apply = useAction(async () => {
    if (!draft || !edited) return draft;
    const edits = editsBetween(draft.preview, text);
    if (!edits.length) return draft;
    return edit(draft, edits);
  });
  return { text, setText, edited, apply };
}
