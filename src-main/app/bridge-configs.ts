import { type Document, isMap, isSeq, parseDocument } from 'yaml';
import type { SamlRoute } from '../../src-shared/contract/config';
import type { GenerationWarning } from '../../src-shared/domain/config';
import { dexFileBeside } from '../../src-shared/domain/dex-file';
import { AppError } from '../../src-shared/errors';
import type { Draft } from '../engine/config/generate/draft-store';
import type { GeneratedMasConfig } from '../engine/config/generate/generate-mas-config';
import type { SavedFile } from '../engine/config/generate/save-config-file';
import { masDocumentText } from '../engine/config/mas/mas-document';
import { samlIdpId, samlOidcSideProvider } from '../engine/config/saml/saml-providers';
import { addMasProvider } from '../engine/directory/generate-directory-configs';
import { ldapIdpId } from '../engine/directory/mas-ldap-provider';
import { draftText, generateConfig, saveConfigs } from './config-drafts';
import { generateConfigWithDex, saveDexConfig } from './directory-configs';
import type { MigrationSource } from './sources/migration-source';

/** What the Identity providers screen asks for: the logins MAS cannot speak, each with its bridge (SPEC §11, §12). */
export interface BridgeRequest {
  /** The MAS config draft the providers join; absent: a MAS config generated from Synapse's. */
  base?: Draft;
  /** Dex's public URL, for the logins that go through Dex. */
  dexIssuer?: string | undefined;
  /** The directory through Dex, with the attribute Dex gives as the user's ID [the module's uid attribute]. */
  ldap?: { idAttribute?: string | undefined } | undefined;
  saml?: SamlRoute | undefined;
}

export interface GeneratedBridges {
  mas: Omit<Draft, 'id'>;
  /** Dex's config, when a login goes through Dex. */
  dex?: Omit<Draft, 'id'>;
  warnings: GenerationWarning[];
}

/** An http(s) URL the admin typed, or an error naming the field (a screen's field or a command line flag). */
function urlField(value: string | undefined, field: string, example: string): string {
  if (!value) throw new AppError('invalid-input', `${field} is missing.`, `Give ${field}, e.g. ${example}.`);
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:' && url?.protocol !== 'http:')
    throw new AppError('invalid-input', `${field} "${value}" is not an http(s) URL.`, `Give ${field} as a full URL, e.g. ${example}.`);
  return value;
}

/** Drops the providers a regeneration replaces, so generating twice never leaves two providers for one Synapse login. */
function withoutProviders(doc: Document, synapseIdpIds: readonly string[]): void {
  const providers = doc.getIn(['upstream_oauth2', 'providers']);
  if (!isSeq(providers)) return;
  providers.items = providers.items.filter((p) => !(isMap(p) && synapseIdpIds.includes(String(p.get('synapse_idp_id')))));
}

/** What route (a)'s inputs are called where the admin typed them: the SAML card's fields, or `config generate`'s flags. */
export interface SamlIdpFields {
  issuer: string;
  clientId: string;
}

const samlCardFields: SamlIdpFields = {
  issuer: "The identity provider's issuer URL",
  clientId: 'The client ID at the identity provider',
};

type SamlIdpRoute = Extract<SamlRoute, { route: 'idp' }>;

/** Route (a)'s issuer and client ID checked, errors naming `fields`; the command line checks them before asking for the secret. */
export function checkSamlIdpRoute(route: Omit<SamlIdpRoute, 'clientSecret'>, fields: SamlIdpFields = samlCardFields): void {
  urlField(route.issuer, fields.issuer, 'https://idp.example.org/realms/main');
  if (!route.clientId)
    throw new AppError(
      'invalid-input',
      `${fields.clientId} is missing.`,
      `Register MAS as a client at the identity provider and give its client ID (${fields.clientId}).`,
    );
}

/**
 * SPEC §12 route (a), the IdP's OpenID Connect side: its inputs checked
 * (errors name `fields`), then the MAS provider. The Identity providers
 * screen and `config generate --saml-issuer` both build it here.
 */
export function samlIdpSideProvider(route: SamlIdpRoute, fields: SamlIdpFields = samlCardFields): Record<string, unknown> {
  checkSamlIdpRoute(route, fields);
  return samlOidcSideProvider({
    issuer: route.issuer,
    clientId: route.clientId,
    ...(route.clientSecret ? { clientSecret: route.clientSecret } : {}),
    ...(route.uidClaim ? { uidClaim: route.uidClaim } : {}),
  });
}

/** A generated MAS config with route (a)'s provider in place of any SAML provider it had. */
export function withSamlIdpSide(generated: GeneratedMasConfig, provider: Record<string, unknown>): GeneratedMasConfig {
  withoutProviders(generated.document, [samlIdpId]);
  addMasProvider(generated.document, provider);
  return { ...generated, yaml: masDocumentText(generated.document) };
}

/**
 * The MAS config with the providers for the directory and SAML (replacing
 * any it had for them), and Dex's config for the logins that go through Dex.
 * Every input is checked before Synapse's files or the IdP's metadata are read.
 */
export async function generateBridges(source: MigrationSource, request: BridgeRequest): Promise<GeneratedBridges> {
  const { ldap, saml, base } = request;
  if (!ldap && !saml)
    throw new AppError('invalid-input', 'Nothing to generate: choose the directory (LDAP) or SAML.', 'Generate from one of the cards.');
  const viaDex = { ldap: ldap !== undefined, saml: saml?.route === 'dex' };
  const dexIssuer =
    viaDex.ldap || viaDex.saml ? urlField(request.dexIssuer, "Dex's public issuer URL", 'https://dex.example.org/dex') : undefined;
  const idpProvider = saml?.route === 'idp' ? samlIdpSideProvider(saml) : undefined;
  const document = base ? base.document.clone() : (await generateConfig(source)).document;
  if (dexIssuer && typeof document.getIn(['http', 'public_base']) !== 'string')
    throw new AppError(
      'invalid-input',
      `The MAS config${base?.file ? ` ${base.file}` : ''} has no http.public_base: Dex's redirect to MAS is built from it.`,
      'Set http.public_base in the MAS config to the URL users reach MAS at (e.g. https://auth.example.org/), then generate again.',
    );
  withoutProviders(document, [...(ldap ? [ldapIdpId] : []), ...(saml ? [samlIdpId] : [])]);
  let generated = { document, yaml: masDocumentText(document), warnings: [] as GenerationWarning[] };
  let dexYaml: string | undefined;
  if (dexIssuer) {
    const idAttribute = ldap?.idAttribute;
    ({ mas: generated, dexYaml } = await generateConfigWithDex(
      source,
      { dexIssuer, ...(idAttribute ? { idAttribute } : {}) },
      { ...viaDex, base: generated },
    ));
  }
  if (idpProvider) generated = withSamlIdpSide(generated, idpProvider);
  return {
    mas: { file: base?.file ?? null, document: generated.document, ...(base?.originalText ? { originalText: base.originalText } : {}) },
    ...(dexYaml ? { dex: { kind: 'dex' as const, file: null, document: parseDocument(dexYaml) } } : {}),
    warnings: generated.warnings,
  };
}

/**
 * A MAS config whose providers for Dex share their client secret with a Dex
 * config not saved yet is never saved without it: MAS would then send Dex a
 * secret that no deployed Dex config holds.
 */
export function refuseWithoutDex(mas: Draft, dex?: Draft): void {
  if (mas.dexDraftId === undefined || mas.dexDraftId === dex?.id) return;
  throw new AppError(
    'dex-unsaved',
    "This MAS config has providers for Dex whose client secret is only in Dex's config generated with it, which is not saved yet.",
    "Save both together (Save… on the Identity providers screen writes Dex's config beside the MAS config), or generate the bridges again.",
  );
}

/**
 * Dex's config beside the MAS config, then the MAS config, each replaced
 * file kept as a timestamped backup. Without `overwrite`, nothing is written
 * when either exists.
 */
export async function saveBridges(
  source: MigrationSource,
  drafts: { mas: Draft; dex?: Draft | undefined },
  target: { masPath: string; overwrite: boolean },
): Promise<SavedFile[]> {
  refuseWithoutDex(drafts.mas, drafts.dex);
  const { masPath, overwrite } = target;
  const saved = drafts.dex
    ? [await saveDexConfig(source, dexFileBeside(masPath), draftText(drafts.dex), { overwrite, alsoNew: [masPath] })]
    : [];
  const savedMas = await saveConfigs(source, drafts.mas.document, draftText(drafts.mas), { mas: masPath, overwrite });
  // Both are on disk now: the MAS config may be saved alone from here on.
  delete drafts.mas.dexDraftId;
  return [...saved, ...savedMas];
}
