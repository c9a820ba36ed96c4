import { parse } from 'yaml';
import { client } from '../ipc/client';
import type { DraftView } from '../../../src-shared/contract/config';
import type { SynapseProviderView } from '../../../src-shared/domain/config';
import type { ProfileView } from '../../../src-shared/domain/profile';
import { type DraftProvider, draftProviders } from './draft-providers';
import { type ConfigEdit, editDraft, generateMasConfig } from './config-actions';

/**
 * What generation proposes as the MAS provider for a Synapse provider, without
 * its secret (which never comes to this window anyway); undefined when the
 * reply came after the profile left.
 */
export async function proposedProvider(profile: ProfileView, provider: SynapseProviderView) {
  const generated = await generateMasConfig(profile);
  if (!generated) return undefined;
  const proposal = draftProviders(generated.preview).find((p) => p.synapseIdpId === provider.internalId)?.raw;
  const { client_secret: _secret, ...rest } = proposal ?? { synapse_idp_id: provider.internalId };
  return rest;
}

/** Adds a MAS upstream provider to the draft, creating the upstream_oauth2 section when it has none. Throws main's refusal. */
export async function addProvider(draft: DraftView, provider: Record<string, unknown>) {
  const hasSection = (parse(draft.preview) as { upstream_oauth2?: unknown } | null)?.upstream_oauth2 !== undefined;
  const value = provider as ConfigEdit['value'];
  await editDraft(
    draft,
    hasSection
      ? [{ path: ['upstream_oauth2', 'providers', draftProviders(draft.preview).length], value }]
      : [{ path: ['upstream_oauth2'], value: { providers: [value] } }],
  );
}

/** Names a Synapse provider as an existing MAS provider's synapse_idp_id. */
export async function pairProvider(draft: DraftView, target: DraftProvider, synapse: SynapseProviderView) {
  await editDraft(draft, [{ path: ['upstream_oauth2', 'providers', target.index, 'synapse_idp_id'], value: synapse.internalId }]);
}

/**
 * SPEC §12: one test login through a provider of the profile's saved MAS
 * config. `onUrl` gets the sign-in URL (the page opens it in a new tab
 * unless main already opened the system browser); only the verdict returns.
 */
export function testProviderLogin(
  profile: ProfileView,
  providerId: string,
  clientId: string,
  onUrl: (url: string, opened: boolean) => void,
  signal: AbortSignal,
) {
  return client().call(
    'providers.testLogin',
    { profileId: profile.id, providerId, clientId },
    { onEvent: ({ url, opened }) => onUrl(url, opened), signal },
  );
}

/** The generated Dex configurations (SPEC §11, §12) register the test login's client; any other provider needs it registered. */
export function isGeneratedDex(provider: DraftProvider): boolean {
  return (provider.synapseIdpId === 'ldap' || provider.synapseIdpId === 'saml') && provider.raw.client_id === 'mas';
}
