import { useState } from 'react';
import { parse } from 'yaml';
import type { SynapseProviderView } from '../../../../src-shared/domain/config';
import type { Finding } from '../../../../src-shared/domain/finding';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useLoad } from '../../hooks/useLoad';
import { useProfileConfigs } from '../../hooks/useProfileConfigs';
import { client } from '../../ipc/client';
import { checks, runChecks } from '../../store/checks';
import { useStore } from '../../store/create-store';
import { draftEdited, masDraft, openMasDraft } from '../../store/mas-draft';
import { profileSources } from '../../store/profile-sources';
import { configScope } from '../../store/profile-scope';
import { goTo, profileChanged, replyWhileOpen } from '../../store/session';
import { useOpenProfile } from '../../store/useOpenProfile';
import { SaveDraftButton, type SavedFile } from '../configuration/SaveDraftButton';
import { SavedNotice } from '../configuration/SavedNotice';
import type { ConfigEdit, Json } from '../configuration/yaml-edits';
import { CreateProviderDialog } from './CreateProviderDialog';
import { type DraftProvider, draftProviders } from './draft-providers';
import { PairDialog } from './PairDialog';
import { ProviderRow } from './ProviderRow';
import { UnknownProviders } from './UnknownProviders';

export function ProvidersScreen() {
  const profile = useOpenProfile();
  const sources = profileSources(profile);
  const masPath = sources.masPaths[0] ?? '';
  const configs = useProfileConfigs(profile);
  const draft = useLoad(async () => (masPath ? openMasDraft(profile) : undefined), [profile.id, masPath]);
  const draftState = useStore(masDraft, (s) => s);
  const checkState = useStore(checks, (s) => s);
  const [creating, setCreating] = useState<{ synapse: SynapseProviderView; proposal?: Record<string, unknown> }>();
  const [pairing, setPairing] = useState<SynapseProviderView>();
  const [saved, setSaved] = useState<SavedFile>();
  const [unknownBefore, setUnknownBefore] = useState<readonly Finding[]>([]);

  const current = draftState.profileId === profile.id ? draftState.draft : undefined;
  const masProviders = current ? draftProviders(current.preview) : [];
  const synapseProviders = configs.data?.synapse.providers ?? [];
  const findings = checkState.profileId === profile.id ? checkState.findings : undefined;
  const users = checkState.profileId === profile.id ? checkState.providerUsers : new Map<string, number>();
  // While the checks run again after the option changed, the panel keeps what it showed, so its checkbox stays where it was clicked.
  const unknown = findings?.filter((f) => f.id === 'provider-unknown-to-synapse') ?? (checkState.running ? unknownBefore : []);
  const unpaired = masProviders.filter((m) => !synapseProviders.some((s) => s.internalId === m.synapseIdpId));

  /** Throws, so the dialog that asked shows the refusal in place. */
  async function edit(edits: ConfigEdit[]) {
    draftEdited(await client().call('config.edit', { draftId: current!.draftId, edits }));
  }

  /** Generation's proposal for this provider, without its secret (which never comes to this window anyway). */
  async function startCreate(provider: SynapseProviderView) {
    setCreating({ synapse: provider });
    const generated = await replyWhileOpen(profile, configScope, () => client().call('config.generate', { profileId: profile.id }));
    if (!generated) return;
    const proposal = draftProviders(generated.preview).find((p) => p.synapseIdpId === provider.internalId)?.raw;
    const { client_secret: _secret, ...rest } = proposal ?? { synapse_idp_id: provider.internalId };
    // Unless the admin closed the dialog, or opened another provider's, meanwhile.
    setCreating((shown) => (shown?.synapse === provider ? { synapse: provider, proposal: rest } : shown));
  }

  async function create(provider: Record<string, unknown>) {
    const hasSection = current && (parse(current.preview) as { upstream_oauth2?: unknown } | null)?.upstream_oauth2 !== undefined;
    const value = provider as Json;
    await edit(
      hasSection
        ? [{ path: ['upstream_oauth2', 'providers', masProviders.length], value }]
        : [{ path: ['upstream_oauth2'], value: { providers: [value] } }],
    );
  }

  async function pair(target: DraftProvider) {
    await edit([{ path: ['upstream_oauth2', 'providers', target.index, 'synapse_idp_id'], value: pairing!.internalId }]);
  }

  async function setIgnore(ignoreMissingAuthProviders: boolean) {
    const { id, name, synapse: s, mas, options, rememberPasswords } = profile;
    const updated = await client().call('profiles.update', {
      id,
      settings: { name, synapse: s, mas, options: { ...options, ignoreMissingAuthProviders }, rememberPasswords },
      secrets: {},
    });
    setUnknownBefore(unknown);
    profileChanged(updated);
    // The option decides whether an unknown provider is an error or a warning: the findings are void, so check again.
    void runChecks(updated);
  }

  return (
    <div className="screen">
      <ScreenHeader
        title="Identity providers"
        summary="Each Synapse identity provider needs a MAS upstream provider with its internal ID as synapse_idp_id, so users keep their SSO links."
        actions={
          <>
            <SaveDraftButton
              profileId={profile.id}
              path={masPath}
              suggestedPath={sources.suggestedMasPath}
              where={sources.masWhere}
              onSaved={setSaved}
            />
            <Button onClick={() => goTo('checks')}>Next: checks</Button>
          </>
        }
      />
      <ErrorNotice error={configs.error ?? draft.error} />
      <SavedNotice saved={saved} />
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
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Synapse provider</th>
                <th scope="col" className="num">
                  Users
                </th>
                <th scope="col">MAS provider</th>
              </tr>
            </thead>
            <tbody>
              {synapseProviders.map((s) => (
                <ProviderRow
                  key={s.internalId}
                  synapse={s}
                  mas={masProviders.find((m) => m.synapseIdpId === s.internalId)}
                  users={users.get(s.internalId)}
                  canPair={unpaired.length > 0}
                  onCreate={() => void startCreate(s)}
                  onPair={() => setPairing(s)}
                />
              ))}
            </tbody>
          </table>
        ) : (
          <EmptyState title={configs.loading ? 'Reading the Synapse config…' : 'Synapse has no OIDC providers'} />
        )}
      </Panel>
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
              </li>
            ))}
          </ul>
        </Panel>
      ) : null}
      <UnknownProviders findings={unknown} ignored={profile.options.ignoreMissingAuthProviders} onIgnore={setIgnore} />
      <CreateProviderDialog
        synapse={creating?.synapse}
        proposal={creating?.proposal}
        onCreate={create}
        onClose={() => setCreating(undefined)}
      />
      <PairDialog synapse={pairing} candidates={unpaired} onPair={pair} onClose={() => setPairing(undefined)} />
    </div>
  );
}
