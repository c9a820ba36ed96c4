import { yaml } from '@codemirror/lang-yaml';
import { unifiedMergeView } from '@codemirror/merge';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import { editorHighlight, editorTheme } from './editor-theme';

export interface DiffViewProps {
  label: string;
  before: string;
  after: string;
}

/** The change from `before` to `after`, one column (it fits 1024 px), unchanged stretches collapsed. */
export function DiffView({ label, before, after }: DiffViewProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: after,
        extensions: [
          editorHighlight,
          basicSetup,
          yaml(),
          editorTheme,
          EditorState.readOnly.of(true),
          EditorView.editable.of(false),
          // Focusable even read-only, so the keyboard can scroll it (axe: scrollable-region-focusable).
          EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
          unifiedMergeView({
            original: before,
            mergeControls: false,
            highlightChanges: false,
            collapseUnchanged: { margin: 2, minSize: 4 },
            gutter: true,
          }),
        ],
      }),
    });
    return () => editor.destroy();
  }, [label, before, after]);
  return <div className="editor" ref={host} data-testid="diff" />;
}
