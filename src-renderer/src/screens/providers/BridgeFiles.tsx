import { useState } from 'react';
import { dexFileBeside } from '../../../../src-shared/domain/dex-file';
import type { ProfileView } from '../../../../src-shared/domain/profile';
import { CodeEditor } from '../../components/CodeEditor';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { bridges } from '../../store/bridge-actions';
import { useStore } from '../../store/create-store';
import { profileSources } from '../../store/profile-sources';
import { GenerationWarnings } from '../configuration/GenerationWarnings';
import type { SavedFile } from '../configuration/SaveDraftButton';
import { SavedNotices } from '../configuration/SavedNotice';
import { syntaxProblems } from '../configuration/yaml-edits';
import { BridgeSaveButton } from './BridgeSaveButton';
import type { BridgeEditors } from './useBridgeEditors';

/** What the bridge cards generated: the warnings, Dex's config and the MAS config in editors, and the save of both. */
export function BridgeFiles({ profile, editors }: { profile: ProfileView; editors: BridgeEditors }) {
  const { warnings } = useStore(bridges, (s) => s);
  const { dex, dexEditor, masEditor } = editors;
  const [saved, setSaved] = useState<SavedFile[]>([]);
  const masPath = profileSources(profile).masPaths[0];

  async function prepare() {
    setSaved([]);
    return editors.prepare();
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
