import { ulid } from 'ulid';
import { Document, isMap, isSeq } from 'yaml';
import type { GenerationWarning } from '../../../src-shared/domain/config';
import { randomHex } from '../config/generate/signing-keys';
import type { SynapseConfig } from '../config/synapse/synapse-config';
import { dexConfig } from './dex-config';
import type { LdapModule } from './ldap-module';
import { masCallbackUrl, masLdapProvider } from './mas-ldap-provider';
import type { ModuleFiles } from './module-target';

export interface DirectoryConfigOptions {
  /** Dex's public URL; absent: a placeholder, with a warning. */
  dexIssuer?: string;
  /** `--ldap-id-attribute`; absent: the module's uid attribute. */
  idAttribute?: string;
  /** MAS's http.public_base, for Dex's redirect URI. */
  masPublicBase: string;
}

export interface GeneratedDirectoryConfigs {
  dex: Document;
  dexYaml: string;
  /** The MAS upstream provider to add (synapse_idp_id: ldap). */
  provider: Record<string, unknown>;
  idAttribute: string;
  warnings: GenerationWarning[];
}

const placeholderIssuer = 'https://dex.example.org/dex';

/**
 * SPEC §11: Dex's config and MAS's provider for the module, sharing a fresh
 * client secret and the provider's ULID (Dex redirects to MAS's callback for it).
 */
export function generateDirectoryConfigs(
  cfg: SynapseConfig,
  module: LdapModule,
  files: ModuleFiles,
  options: DirectoryConfigOptions,
): GeneratedDirectoryConfigs {
  const warnings: GenerationWarning[] = [];
  const id = ulid();
  const clientSecret = randomHex(32);
  const issuer = options.dexIssuer ?? placeholderIssuer;
  if (!options.dexIssuer)
    warnings.push({
      id: 'fill-in-dex-issuer',
      message: `No Dex issuer was given (--dex-issuer): ${placeholderIssuer} is a placeholder; set Dex's issuer and the MAS provider's issuer to Dex's public URL.`,
    });
  if (/^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(options.masPublicBase))
    warnings.push({
      id: 'dex-redirect-uri',
      message: `Dex's redirect URI for MAS was built from http.public_base ${options.masPublicBase}; once you set MAS's public URL, change redirectURIs in the Dex config the same way.`,
    });
  const idAttribute = options.idAttribute ?? module.settings.uidAttribute;
  const redirectUri = masCallbackUrl(options.masPublicBase, id);
  const config = dexConfig(cfg, module, { issuer, redirectUri, clientSecret, idAttribute, bindPassword: files.bindPassword }, warnings);
  const dex = new Document(config);
  dex.commentBefore = ` Dex config generated from matrix-synapse-ldap3's settings in ${cfg.files.join(', ')}.\n Keep it secret: it holds the directory's bind password and MAS's client secret.`;
  return {
    dex,
    dexYaml: dex.toString({ lineWidth: 0 }),
    provider: masLdapProvider({ id, issuer, clientSecret }),
    idAttribute,
    warnings,
  };
}

/** Adds the provider to a MAS config document's upstream_oauth2.providers (created when absent), keeping the rest as it is. */
export function addMasProvider(doc: Document, provider: Record<string, unknown>): void {
  const providers = doc.getIn(['upstream_oauth2', 'providers']);
  if (isSeq(providers)) providers.add(doc.createNode(provider));
  else if (isMap(doc.get('upstream_oauth2'))) doc.setIn(['upstream_oauth2', 'providers'], doc.createNode([provider]));
  else doc.set('upstream_oauth2', doc.createNode({ providers: [provider] }));
}
