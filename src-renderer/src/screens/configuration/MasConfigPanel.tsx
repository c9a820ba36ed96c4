import { useEffect, useState } from 'react';
import type { DraftView } from '../../../../src-shared/contract/config';
import type { ProfileView } from '../../../../src-shared/domain/profile';
import { Button } from '../../components/Button';
import { CodeEditor, type EditorProblem } from '../../components/CodeEditor';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { StatusBadge } from '../../components/StatusBadge';
import { useAction } from '../../hooks/useAction';
import { editDraft, validateDraft } from '../../store/config-actions';
import { openMasDraft } from '../../store/mas-draft';
import { ProblemList } from './ProblemList';
import { SaveDraftButton, type SavedFile } from './SaveDraftButton';
import { SavedNotices } from './SavedNotice';
import { validationProblems } from './validation-problems';
import { useDraftEditor } from './useDraftEditor';
import { syntaxProblems } from './yaml-edits';

export interface MasConfigPanelProps {
  profile: ProfileView;
  suggestedPath: string;
  where: string;
  path: string;
  draft: DraftView | undefined;
  dirty: boolean;
  onGenerate: () => void;
  generating: boolean;
}

/** The MAS config in an editor: edits go to main's draft key by key, validated against MAS's schema and Synapse's config. */
export function MasConfigPanel({ profile, suggestedPath, where, path, draft, dirty, onGenerate, generating }: MasConfigPanelProps) {
  const { text, setText, edited, apply } = useDraftEditor(draft, editDraft);
  const [checked, setChecked] = useState<EditorProblem[]>([]);
  const [saved, setSaved] = useState<SavedFile[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new draft makes the last validation stale
  useEffect(() => setChecked([]), [draft]);
  const problems = [...syntaxProblems(text), ...(edited ? [] : checked)];

  /** After the admin changed the file outside the app (secrets are only edited there). */
  const reload = useAction(() => openMasDraft(profile, true));

  const validate = useAction(async () => {
    const current = await apply.run();
    if (!current) return;
    const result = await validateDraft(profile, current);
    setChecked(validationProblems(current.preview, result.schemaProblems, result.findings));
    return result;
  });

  return (
    <Panel
      title={
        <span className="row">
          MAS config
          {dirty || edited ? (
            <StatusBadge tone="warning">Not saved</StatusBadge>
          ) : draft ? (
            <StatusBadge tone="ok">Saved</StatusBadge>
          ) : null}
        </span>
      }
      actions={
        <>
          <Button onClick={() => void reload.run()} busy={reload.busy} disabled={!path}>
            Reload from file
          </Button>
          <Button onClick={onGenerate} busy={generating}>
            Generate from Synapse…
          </Button>
          <Button onClick={() => void validate.run()} busy={validate.busy} disabled={!draft}>
            Validate
          </Button>
          <SaveDraftButton
            profile={profile}
            path={path}
            suggestedPath={suggestedPath}
            where={where}
            prepare={apply.run}
            pending={edited}
            onSaved={setSaved}
          />
        </>
      }
    >
      <p className="small muted">
        {path ? <code>{path}</code> : 'Not saved anywhere yet: you choose the file when saving.'} Secrets show as &lt;redacted&gt; and stay
        as they are; change them in the file itself.
      </p>
      {draft ? (
        <CodeEditor label="MAS config" value={text} onChange={setText} problems={problems} />
      ) : (
        <Notice tone="info" title="There is no MAS config here yet">
          Generate one from the Synapse config, review it and save it.
        </Notice>
      )}
      {validate.data !== undefined && !edited && !checked.length ? <Notice tone="ok" title="The MAS config is valid" /> : null}
      {validate.data && !validate.data.schemaChecked ? (
        <p className="small muted">MAS's published schema is not available to this app: only our own checks ran.</p>
      ) : null}
      <ProblemList problems={problems} />
      <ErrorNotice error={apply.error ?? validate.error ?? reload.error} />
      <SavedNotices saved={saved} />
    </Panel>
  );
}
