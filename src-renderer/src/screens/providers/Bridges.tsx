import { useState } from 'react';
import type { SynapseConfigView } from '../../../../src-shared/contract/config';
import type { ProfileView } from '../../../../src-shared/domain/profile';
import { useAction } from '../../hooks/useAction';
import { type BridgeInputs, bridges, generateBridge } from '../../store/bridge-actions';
import { useStore } from '../../store/create-store';
import { configScope } from '../../store/profile-scope';
import type { DraftProvider } from '../../store/draft-providers';
import { BridgeFiles } from './BridgeFiles';
import { BridgeProvider } from './BridgeProvider';
import { LdapBridgeCard } from './LdapBridgeCard';
import { SamlBridgeCard } from './SamlBridgeCard';
import type { BridgeEditors } from './useBridgeEditors';

export interface BridgesProps {
  profile: ProfileView;
  /** The logins of the Synapse config that MAS cannot speak. */
  view: SynapseConfigView['bridges'];
  /** The providers of the MAS config being worked on. */
  masProviders: readonly DraftProvider[];
  editors: BridgeEditors;
}

/** The MAS providers that take over what a bridge carries (SPEC §11, §12), and so have a counterpart in Synapse. */
export function isBridged(provider: DraftProvider, view: SynapseConfigView['bridges']): boolean {
  return (provider.synapseIdpId === 'ldap' && view.ldapUidAttribute !== null) || (provider.synapseIdpId === 'saml' && view.saml);
}

/** The cards for the logins MAS cannot speak (SPEC §11 LDAP, §12 SAML), and the files they generate. */
export function Bridges({ profile, view, masProviders, editors }: BridgesProps) {
  const providerFor = (idpId: string) => masProviders.find((p) => p.synapseIdpId === idpId);
  const [inputs, setInputs] = useState<BridgeInputs>({
    dexIssuer: '',
    idAttribute: profile.options.ldapIdAttribute ?? '',
    saml: { route: 'idp', issuer: '', clientId: '' },
  });
  const onChange = (change: Partial<BridgeInputs>) => setInputs((current) => ({ ...current, ...change }));
  const generateLdap = useAction(() => generateBridge(profile, 'ldap', inputs));
  const generateSaml = useAction(async () => {
    const out = await generateBridge(profile, 'saml', inputs);
    // The secret is in main's draft now: this window forgets it.
    if (inputs.saml.route === 'idp') onChange({ saml: { ...inputs.saml, clientSecret: '' } });
    return out;
  });
  const state = useStore(bridges, (s) => s);
  const generated = state.scope === configScope(profile) && (state.generated.ldap || state.generated.saml !== undefined);

  return (
    <>
      {view.ldapUidAttribute !== null ? (
        <LdapBridgeCard uidAttribute={view.ldapUidAttribute} inputs={inputs} onChange={onChange} generate={generateLdap}>
          <BridgeProvider profile={profile} provider={providerFor('ldap')} />
        </LdapBridgeCard>
      ) : null}
      {view.saml ? (
        <SamlBridgeCard inputs={inputs} onChange={onChange} generate={generateSaml}>
          <BridgeProvider profile={profile} provider={providerFor('saml')} />
        </SamlBridgeCard>
      ) : null}
      {generated ? <BridgeFiles profile={profile} editors={editors} /> : null}
    </>
  );
}
