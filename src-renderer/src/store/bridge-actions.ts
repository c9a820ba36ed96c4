import type { DraftView, SamlRoute } from '../../../src-shared/contract/config';
import type { GenerationWarning } from '../../../src-shared/domain/config';
import type { ProfileView } from '../../../src-shared/domain/profile';
import { client } from '../ipc/client';
import type { ConfigEdit } from './config-actions';
import { createStore } from './create-store';
import { draftReplaced, draftSaved, masDraft } from './mas-draft';
import { configScope } from './profile-scope';
import { forgetWhenProfileLeaves, profileChanged, replyWhileOpen } from './session';

/**
 * The bridges generated on the Identity providers screen (SPEC §11, §12):
 * Dex's config as main's draft (its secrets never come here), what the
 * generator warned about, and which logins were generated how, so that the
 * other card's Generate keeps them (one Dex serves both). The MAS config they
 * go with is the shared MAS draft.
 */
export interface BridgesState {
  scope: string | undefined;
  /** Dex's config, and the MAS draft it was generated with (whose providers for Dex share its client secret). */
  dex: DraftView | undefined;
  masDraftId: string | undefined;
  /** Dex's config was generated or edited since it was last saved. */
  dexUnsaved: boolean;
  warnings: GenerationWarning[];
  generated: { ldap: boolean; saml: SamlRoute['route'] | undefined };
}

const none: BridgesState = {
  scope: undefined,
  dex: undefined,
  masDraftId: undefined,
  dexUnsaved: false,
  warnings: [],
  generated: { ldap: false, saml: undefined },
};
export const bridges = createStore(none);
forgetWhenProfileLeaves(bridges, none, configScope);

export interface BridgeInputs {
  dexIssuer: string;
  /** The LDAP ID attribute; '' for the module's uid attribute. */
  idAttribute: string;
  saml: SamlRoute;
}

/** The SAML route as main takes it: fields left empty are left out (a public client, the default uid claim). */
function samlRequest(saml: SamlRoute): SamlRoute {
  if (saml.route === 'dex') return saml;
  const { clientSecret, uidClaim } = saml;
  return {
    route: 'idp',
    issuer: saml.issuer.trim(),
    clientId: saml.clientId.trim(),
    ...(clientSecret ? { clientSecret } : {}),
    ...(uidClaim?.trim() ? { uidClaim: uidClaim.trim() } : {}),
  };
}

/**
 * What `card`'s Generate asks main for: that card's bridge, and the other
 * card's when it is the directory or went through Dex, since Dex's one config
 * serves both (a SAML provider on the IdP's own side stays in the MAS draft
 * as it is, and its secret is not asked again). Empty fields are left out.
 */
export function bridgeRequest(card: 'ldap' | 'saml', inputs: BridgeInputs, generated: BridgesState['generated']) {
  const ldap = card === 'ldap' || generated.ldap;
  const saml = card === 'saml' ? samlRequest(inputs.saml) : generated.saml === 'dex' ? ({ route: 'dex' } as const) : undefined;
  const idAttribute = inputs.idAttribute.trim();
  return {
    ...(inputs.dexIssuer.trim() ? { dexIssuer: inputs.dexIssuer.trim() } : {}),
    ...(ldap ? { ldap: idAttribute ? { idAttribute } : {} } : {}),
    ...(saml ? { saml } : {}),
  };
}

/** Generates `card`'s bridge on top of the MAS draft (or a config generated from Synapse's when there is none). */
export async function generateBridge(profile: ProfileView, card: 'ldap' | 'saml', inputs: BridgeInputs) {
  const scope = configScope(profile);
  const current = masDraft.get();
  const { generated } = bridges.get().scope === scope ? bridges.get() : none;
  const request = bridgeRequest(card, inputs, generated);
  const out = await replyWhileOpen(profile, configScope, () =>
    client().call('config.generateBridges', {
      profileId: profile.id,
      ...(current.scope === scope && current.draft ? { baseDraftId: current.draft.draftId } : {}),
      ...request,
    }),
  );
  if (!out) return undefined;
  draftReplaced(profile, out.mas);
  bridges.set({
    scope,
    dex: out.dex ?? undefined,
    masDraftId: out.mas.draftId,
    dexUnsaved: out.dex !== null,
    warnings: out.warnings,
    generated: { ldap: request.ldap !== undefined, saml: request.saml?.route ?? (card === 'ldap' ? generated.saml : undefined) },
  });
  return out;
}

/** Applies edits to Dex's draft in main; its secrets are refused there. */
export async function editDexDraft(draft: DraftView, edits: ConfigEdit[]): Promise<DraftView> {
  const dex = await client().call('config.edit', { draftId: draft.draftId, edits });
  bridges.set((s) => (s.dex?.draftId === dex.draftId ? { ...s, dex, dexUnsaved: true } : s));
  return dex;
}

/** Dex's config generated with the MAS draft `masDraftId` (none once another MAS config replaced that draft). */
export function dexFor(state: BridgesState, masDraftId: string | undefined): DraftView | undefined {
  return masDraftId !== undefined && state.masDraftId === masDraftId ? state.dex : undefined;
}

/** That Dex config when it is not saved yet: the MAS config is then saved with it (main refuses the MAS config alone). */
export function unsavedDex(state: BridgesState, masDraftId: string | undefined): DraftView | undefined {
  return state.dexUnsaved ? dexFor(state, masDraftId) : undefined;
}

/**
 * Writes Dex's config beside the MAS config, then the MAS config (to `newPath`
 * when the profile names none yet), each replaced file kept as a backup. The
 * profile comes back with the MAS config file and the LDAP ID attribute it now has.
 */
export async function saveBridges(profile: ProfileView, newPath: string | undefined) {
  const mas = masDraft.get().draft;
  if (!mas) throw new Error('Generate the files first.');
  const dex = dexFor(bridges.get(), mas.draftId);
  const saved = await client().call('config.saveBridges', {
    profileId: profile.id,
    masDraftId: mas.draftId,
    ...(dex ? { dexDraftId: dex.draftId } : {}),
    ...(newPath ? { path: newPath } : {}),
  });
  const named = await client().call('profiles.get', { id: profile.id });
  draftSaved(named);
  // The files were made for this profile; naming its MAS config file does not make them another's.
  bridges.set({ scope: configScope(named), dexUnsaved: false });
  profileChanged(named);
  return saved;
}
