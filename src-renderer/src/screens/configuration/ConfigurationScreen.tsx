import { useState } from 'react';
import type { DraftView } from '../../../../src-shared/contract/config';
import type { GenerationWarning } from '../../../../src-shared/domain/config';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Notice } from '../../components/Notice';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useAction } from '../../hooks/useAction';
import { generateMasConfig, isMissingFile, useMasDraft, useProfileConfigs } from '../../store/config-actions';
import { useStore } from '../../store/create-store';
import { draftReplaced, masDraft } from '../../store/mas-draft';
import { profileSources } from '../../store/profile-sources';
import { goTo } from '../../store/session';
import { useOpenProfile } from '../../store/useOpenProfile';
import { GenerateDialog } from './GenerateDialog';
import { MasConfigPanel } from './MasConfigPanel';
import { SynapseConfigPanel } from './SynapseConfigPanel';

export function ConfigurationScreen() {
  const profile = useOpenProfile();
  const sources = profileSources(profile);
  const masPath = sources.masPaths[0] ?? '';
  const configs = useProfileConfigs(profile);
  const draftState = useStore(masDraft, (s) => s);
  const opening = useMasDraft(profile);
  const [generated, setGenerated] = useState<DraftView & { warnings: GenerationWarning[] }>();
  const generate = useAction(async () => {
    const result = await generateMasConfig(profile);
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
      {sources.problems.length ? (
        <Notice tone="warning" title="This profile is not complete yet">
          <ul className="list-plain">
            {sources.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <ErrorNotice error={configs.error} />
      {configs.data ? <SynapseConfigPanel view={configs.data.synapse} /> : null}
      <ErrorNotice error={(isMissingFile(opening.error) ? undefined : opening.error) ?? generate.error} />
      <MasConfigPanel
        profile={profile}
        suggestedPath={sources.suggestedMasPath}
        where={sources.masWhere}
        path={masPath}
        draft={mine ? draftState.draft : undefined}
        dirty={mine && draftState.dirty}
        onGenerate={() => void generate.run()}
        generating={generate.busy}
      />
      <GenerateDialog
        generated={generated}
        current={mine ? (draftState.savedPreview ?? '') : ''}
        onUse={(draft) => draftReplaced(profile, draft)}
        onClose={() => setGenerated(undefined)}
      />
    </div>
  );
}
