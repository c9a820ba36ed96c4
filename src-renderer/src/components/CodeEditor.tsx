import { yaml } from '@codemirror/lang-yaml';
import { type Diagnostic, lintGutter, setDiagnostics } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import { editorHighlight, editorTheme } from './editor-theme';

/** A problem to show inline, by 1-based line (and column when known). */
export interface EditorProblem {
  line: number;
  column?: number | undefined;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface CodeEditorProps {
  /** Accessible name of the editing area. */
  label: string;
  value: string;
  onChange?: (value: string) => void;
  readOnly?: boolean;
  problems?: readonly EditorProblem[];
}

function toDiagnostics(state: EditorState, problems: readonly EditorProblem[]): Diagnostic[] {
  return problems.map((p) => {
    const line = state.doc.line(Math.min(Math.max(1, p.line), state.doc.lines));
    const from = Math.min(line.from + Math.max(0, (p.column ?? 1) - 1), line.to);
    return { from, to: line.to, severity: p.severity, message: p.message };
  });
}

/** A YAML editor (CodeMirror 6) with inline problems. Tab moves focus on, as everywhere else in the app. */
export function CodeEditor({ label, value, onChange, readOnly = false, problems = [] }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the editor is created once; value and problems flow in below
  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          editorHighlight,
          basicSetup,
          yaml(),
          lintGutter(),
          editorTheme,
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          // Focusable even read-only, so the keyboard can scroll it (axe: scrollable-region-focusable).
          EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current?.(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => editor.destroy();
  }, [readOnly, label]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    const editor = view.current;
    if (editor) editor.dispatch(setDiagnostics(editor.state, toDiagnostics(editor.state, problems)));
  }, [problems]);

  return <div className="editor" ref={host} />;
}
