import { useState } from 'react';
import type { SynapseProviderView } from '../../../../src-shared/domain/config';
import type { Finding } from '../../../../src-shared/domain/finding';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { Table } from '../../components/Table';
import { ScreenHeader } from '../../components/ScreenHeader';
import { checks, runChecks } from '../../store/checks';
import { useMasDraft, useProfileConfigs } from '../../store/config-actions';
import { useStore } from '../../store/create-store';
import { masDraft } from '../../store/mas-draft';
import { ignoreMissingProviders } from '../../store/profile-actions';
import { profileSources } from '../../store/profile-sources';
import { addProvider, pairProvider, proposedProvider } from '../../store/provider-actions';
import { goTo } from '../../store/session';
import { useOpenProfile } from '../../store/useOpenProfile';
import { SaveDraftButton, type SavedFile } from '../configuration/SaveDraftButton';
import { SavedNotices } from '../configuration/SavedNotice';
import { Bridges, isBridged } from './Bridges';
import { CreateProviderDialog } from './CreateProviderDialog';
import { draftProviders } from '../../store/draft-providers';
import { PairDialog } from './PairDialog';
import { TestLogin } from './TestLogin';
import { ProviderRow } from './ProviderRow';
import { UnknownProviders } from './UnknownProviders';
import { useBridgeEditors } from './useBridgeEditors';

export function ProvidersScreen() {
  const profile = useOpenProfile();
  const sources = profileSources(profile);
  const masPath = sources.masPaths[0] ?? '';
  const configs = useProfileConfigs(profile);
  const draft = useMasDraft(profile);
  const draftState = useStore(masDraft, (s) => s);
  const checkState = useStore(checks, (s) => s);
  const [creating, setCreating] = useState<{ synapse: SynapseProviderView; proposal?: Record<string, unknown> }>();
  const [pairing, setPairing] = useState<SynapseProviderView>();
  const [saved, setSaved] = useState<SavedFile[]>([]);
  const editors = useBridgeEditors();
  const [unknownBefore, setUnknownBefore] = useState<readonly Finding[]>([]);

  const current = draftState.profileId === profile.id ? draftState.draft : undefined;
  const masProviders = current ? draftProviders(current.preview) : [];
  const synapseProviders = configs.data?.synapse.providers ?? [];
  const findings = checkState.profileId === profile.id ? checkState.findings : undefined;
  const users = checkState.profileId === profile.id ? checkState.providerUsers : new Map<string, number>();
  // While the checks run again after the option changed, the panel keeps what it showed, so its checkbox stays where it was clicked.
  const unknown = findings?.filter((f) => f.id === 'provider-unknown-to-synapse') ?? (checkState.running ? unknownBefore : []);
  const bridgeView = configs.data?.synapse.bridges;
  const unpaired = masProviders.filter(
    (m) => !(bridgeView && isBridged(m, bridgeView)) && !synapseProviders.some((s) => s.internalId === m.synapseIdpId),
  );

  /** Generation's proposal for this provider, shown in the dialog unless the admin closed it, or opened another provider's, meanwhile. */
  async function startCreate(provider: SynapseProviderView) {
    setCreating({ synapse: provider });
    const proposal = await proposedProvider(profile, provider);
    if (proposal) setCreating((shown) => (shown?.synapse === provider ? { synapse: provider, proposal } : shown));
  }

  async function setIgnore(ignore: boolean) {
    setUnknownBefore(unknown);
    await ignoreMissingProviders(profile, ignore);
  }

  return (
    <div className="screen">
      <ScreenHeader
        title="Identity providers"
        summary="Each Synapse identity provider needs a MAS upstream provider with its internal ID as synapse_idp_id, so users keep their SSO links."
        actions={
          <>
            <SaveDraftButton
              profile={profile}
              path={masPath}
              suggestedPath={sources.suggestedMasPath}
              where={sources.masWhere}
              prepare={editors.prepare}
              pending={editors.pending}
              onSaved={setSaved}
            />
            <Button onClick={() => goTo('checks')}>Next: checks</Button>
          </>
        }
      />
      <ErrorNotice error={configs.error ?? draft.error} />
      <SavedNotices saved={saved} />
      {draftState.dirty ? <Notice tone="warning" title="The MAS config has changes that are not saved yet" /> : null}
      <Panel
        title="Synapse providers and their MAS counterparts"
        flush
        actions={
          findings ? null : (
            <Button size="small" onClick={() => void runChecks(profile)} busy={checkState.running}>
              Count users (runs the checks)
            </Button>
          )
        }
      >
        {synapseProviders.length ? (
          <Table columns={[{ label: 'Synapse provider' }, { label: 'Users', numeric: true }, { label: 'MAS provider' }]}>
            {synapseProviders.map((s) => (
              <ProviderRow
                key={s.internalId}
                profile={profile}
                synapse={s}
                mas={masProviders.find((m) => m.synapseIdpId === s.internalId)}
                users={users.get(s.internalId)}
                canPair={unpaired.length > 0}
                onCreate={() => void startCreate(s)}
                onPair={() => setPairing(s)}
              />
            ))}
          </Table>
        ) : (
          <EmptyState title={configs.isFetching ? 'Reading the Synapse config…' : 'Synapse has no OIDC providers'} />
        )}
      </Panel>
      {bridgeView ? <Bridges profile={profile} view={bridgeView} masProviders={masProviders} editors={editors} /> : null}
      {unpaired.length ? (
        <Panel title="MAS providers without a Synapse counterpart">
          <ul className="list-plain">
            {unpaired.map((m) => (
              <li key={m.id}>
                {m.humanName ?? m.id}{' '}
                <span className="muted">
                  {m.synapseIdpId
                    ? `(synapse_idp_id ${m.synapseIdpId} matches no Synapse provider)`
                    : '(new in MAS: takes over no Synapse links)'}
                </span>
                <TestLogin profile={profile} provider={m} />
              </li>
            ))}
          </ul>
        </Panel>
      ) : null}
      <UnknownProviders findings={unknown} ignored={profile.options.ignoreMissingAuthProviders} onIgnore={setIgnore} />
      <CreateProviderDialog
        synapse={creating?.synapse}
        proposal={creating?.proposal}
        onCreate={(provider) => addProvider(current!, provider)}
        onClose={() => setCreating(undefined)}
      />
      <PairDialog
        synapse={pairing}
        candidates={unpaired}
        onPair={(target) => pairProvider(current!, target, pairing!)}
        onClose={() => setPairing(undefined)}
      />
    </div>
  );
}
