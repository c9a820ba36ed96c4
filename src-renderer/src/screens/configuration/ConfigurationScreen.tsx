import { useState } from 'react';
import type { DraftView } from '../../../../src-shared/contract/config';
import type { GenerationWarning } from '../../../../src-shared/domain/config';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Notice } from '../../components/Notice';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useAction } from '../../hooks/useAction';
import { useLoad } from '../../hooks/useLoad';
import { useSynapseConfig } from '../../hooks/useSynapseConfig';
import { client, IpcError } from '../../ipc/client';
import { useStore } from '../../store/create-store';
import { draftChanged, masDraft, openMasDraft } from '../../store/mas-draft';
import { profileSources } from '../../store/profile-sources';
import { goTo } from '../../store/session';
import { useOpenProfile } from '../../store/useOpenProfile';
import { GenerateDialog } from './GenerateDialog';
import { MasConfigPanel } from './MasConfigPanel';
import { SynapseConfigPanel } from './SynapseConfigPanel';

export function ConfigurationScreen() {
  const profile = useOpenProfile();
  const { sources, problems } = profileSources(profile);
  const masPath = sources.masPaths[0] ?? '';
  const synapse = useSynapseConfig(profile);
  const draftState = useStore(masDraft, (s) => s);
  const opening = useLoad(async () => {
    try {
      return await openMasDraft(profile.id, masPath);
    } catch (e) {
      // A missing file is the normal start: the admin generates one.
      if (e instanceof IpcError && e.code === 'file-missing') return undefined;
      throw e;
    }
  }, [profile.id, masPath]);
  const [generated, setGenerated] = useState<DraftView & { warnings: GenerationWarning[] }>();
  const generate = useAction(async () => {
    const result = await client().call('config.generate', { synapsePaths: sources.synapsePaths });
    setGenerated(result);
    return result;
  });
  const mine = draftState.profileId === profile.id;

  return (
    <div className="screen">
      <ScreenHeader
        title="Configuration"
        summary="The Synapse config as the app reads it, and the MAS config: generate it from Synapse's, review, edit and save."
        actions={<Button onClick={() => goTo('providers')}>Next: identity providers</Button>}
      />
      {problems.length ? (
        <Notice tone="warning" title="This profile is not ready for the configuration tools">
          <ul className="list-plain">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <ErrorNotice error={synapse.error} />
      {synapse.data ? <SynapseConfigPanel view={synapse.data} /> : null}
      <ErrorNotice error={opening.error ?? generate.error} />
      {masPath ? (
        <MasConfigPanel
          profileId={profile.id}
          path={masPath}
          draft={mine ? draftState.draft : undefined}
          dirty={mine && draftState.dirty}
          synapsePaths={sources.synapsePaths}
          onGenerate={() => void generate.run()}
          generating={generate.busy}
        />
      ) : null}
      <GenerateDialog
        generated={generated}
        current={mine ? (draftState.savedPreview ?? '') : ''}
        onUse={(draft) => {
          if (!mine) masDraft.set({ profileId: profile.id, savedPreview: undefined });
          draftChanged(draft);
        }}
        onClose={() => setGenerated(undefined)}
      />
    </div>
  );
}
