import { useState } from 'react';
import { dexFileBeside } from '../../../../src-shared/domain/dex-file';
import type { ProfileView } from '../../../../src-shared/domain/profile';
import { CodeEditor } from '../../components/CodeEditor';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { bridges, dexFor, editDexDraft } from '../../store/bridge-actions';
import { editDraft } from '../../store/config-actions';
import { useStore } from '../../store/create-store';
import { masDraft } from '../../store/mas-draft';
import { profileSources } from '../../store/profile-sources';
import { GenerationWarnings } from '../configuration/GenerationWarnings';
import type { SavedFile } from '../configuration/SaveDraftButton';
import { SavedNotices } from '../configuration/SavedNotice';
import { useDraftEditor } from '../configuration/useDraftEditor';
import { syntaxProblems } from '../configuration/yaml-edits';
import { BridgeSaveButton } from './BridgeSaveButton';

/** What the bridge cards generated: the warnings, Dex's config and the MAS config in editors, and the save of both. */
export function BridgeFiles({ profile }: { profile: ProfileView }) {
  const state = useStore(bridges, (s) => s);
  const mas = useStore(masDraft, (s) => s.draft);
  const { warnings } = state;
  // Another MAS config opened or generated since leaves this Dex config without the providers it goes with.
  const dex = dexFor(state, mas?.draftId);
  const dexEditor = useDraftEditor(dex, editDexDraft);
  const masEditor = useDraftEditor(mas, editDraft);
  const [saved, setSaved] = useState<SavedFile[]>([]);
  const masPath = profileSources(profile).masPaths[0];

  async function prepare() {
    setSaved([]);
    if (dex && !(await dexEditor.apply.run())) return false;
    return (await masEditor.apply.run()) !== undefined;
  }

  return (
    <Panel
      title="Files for the bridges"
      actions={<BridgeSaveButton profile={profile} withDex={dex !== undefined} prepare={prepare} onSaved={setSaved} />}
    >
      <p className="small muted">
        {dex ? (
          <>
            Dex's config is saved as {masPath ? <code>{dexFileBeside(masPath)}</code> : 'dex.yaml'}, beside the MAS config
            {masPath ? (
              <>
                {' '}
                <code>{masPath}</code>
              </>
            ) : null}
            .{' '}
          </>
        ) : null}
        Secrets show as &lt;redacted&gt;: they are written to the files, never shown in this window.
      </p>
      <h3>What needs your attention ({warnings.length})</h3>
      <GenerationWarnings warnings={warnings} />
      {dex ? (
        <>
          <h3>Dex's config</h3>
          <CodeEditor label="Dex config" value={dexEditor.text} onChange={dexEditor.setText} problems={syntaxProblems(dexEditor.text)} />
        </>
      ) : null}
      <h3>MAS config with the bridges' providers</h3>
      <CodeEditor
        label="MAS config with the bridges"
        value={masEditor.text}
        onChange={masEditor.setText}
        problems={syntaxProblems(masEditor.text)}
      />
      <ErrorNotice error={dexEditor.apply.error ?? masEditor.apply.error} />
      <SavedNotices saved={saved} />
    </Panel>
  );
}
