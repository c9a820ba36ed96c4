import { AppError } from '../../src-shared/errors';
import { fetchSamlMetadata } from '../connect/http/saml-metadata-fetch';
import type { GeneratedMasConfig } from '../engine/config/generate/generate-mas-config';
import { refuseExisting, type SavedFile, saveConfigFile } from '../engine/config/generate/save-config-file';
import { type IdpMetadata, parseIdpMetadata } from '../engine/config/saml/idp-metadata';
import { type SynapseSamlSettings, synapseSamlSettings } from '../engine/config/saml/saml-synapse';
import { withSamlDex } from '../engine/config/saml/with-saml-dex';
import type { DirectoryConfigOptions } from '../engine/directory/generate-directory-configs';
import { findLdapModule } from '../engine/directory/ldap-module';
import { withDirectoryProvider } from '../engine/directory/with-directory-provider';
import type { MigrationSource } from './sources/migration-source';
import { generateConfig } from './config-drafts';

/** Which of Synapse's logins go through Dex, and the MAS config that gets their providers. */
export interface DexBridges {
  /** The directory (SPEC §11) [when Synapse has the module]. */
  ldap: boolean;
  /** SAML through Dex's saml connector (SPEC §12 route b) [when saml2_config is enabled]. */
  saml: boolean;
  /** The MAS config the providers are added to [one generated from Synapse's]. */
  base: GeneratedMasConfig;
}

/**
 * Generate a MAS config with the providers for Dex, and Dex's config, from a
 * source's Synapse config: the directory's (SPEC §11; bind_password_file is
 * read where Synapse's files are, this computer or its server over SFTP)
 * and SAML's through Dex's saml connector (SPEC §12 route b), in one Dex
 * config when both go through Dex.
 */
export async function generateConfigWithDex(
  source: MigrationSource,
  options: Omit<DirectoryConfigOptions, 'masPublicBase'>,
  bridges: Partial<DexBridges> = {},
): Promise<{ mas: GeneratedMasConfig; dexYaml: string }> {
  const ldap = bridges.ldap ?? findLdapModule(source.synapse) !== undefined;
  const saml = bridges.saml ?? source.synapse.model.saml2_config?.enabled === true;
  if (!ldap && !saml && bridges.saml === false && source.synapse.model.saml2_config?.enabled === true)
    throw new AppError(
      'usage',
      `${source.synapse.files.join(', ')} configures no matrix-synapse-ldap3 module, and its SAML login goes through the identity provider's OpenID Connect side (--saml-issuer), so Dex would carry nothing.`,
      "Leave out --dex-output and --dex-issuer, or leave out the --saml-… options to put SAML behind Dex's saml connector instead.",
    );
  if (!ldap && !saml)
    throw new AppError(
      'usage',
      `${source.synapse.files.join(', ')} configures neither a matrix-synapse-ldap3 module nor saml2_config, so there is no Dex config to generate.`,
      'Leave out --dex-output, or give the homeserver.yaml that has them.',
    );
  if (saml && source.synapse.model.saml2_config?.enabled !== true)
    throw new AppError(
      'usage',
      `${source.synapse.files.join(', ')} has no enabled saml2_config, so there is no SAML login to put behind Dex.`,
      'Give the homeserver.yaml that configures SAML.',
    );
  const read = (path: string) =>
    source.synapseFiles
      .readText(path)
      .then((text) => text.trim())
      .catch(() => undefined);
  const generated = bridges.base ?? (await generateConfig(source));
  const directory = ldap ? await withDirectoryProvider(source.synapse, generated, read, options) : undefined;
  if (!saml) return directory!;
  if (!options.dexIssuer)
    throw new AppError(
      'usage',
      "SAML through Dex needs --dex-issuer: the IdP must be told Dex's callback, which is built from it.",
      "Give Dex's public URL, e.g. --dex-issuer https://dex.example.org/dex.",
    );
  const settings = synapseSamlSettings(source.synapse.model.saml2_config);
  const metadata = await samlMetadata(source, settings);
  return withSamlDex(directory?.mas ?? generated, { saml: settings, metadata, dexIssuer: options.dexIssuer }, directory?.dexYaml);
}

/** The IdP's metadata as Synapse reads it: the first source of sp_config.metadata, a local file (where Synapse's files are) or an https URL. */
async function samlMetadata(source: MigrationSource, settings: SynapseSamlSettings): Promise<IdpMetadata> {
  const [first] = settings.metadata;
  const xml =
    first!.kind === 'url'
      ? await fetchSamlMetadata(first!.url)
      : await source.synapseFiles.readText(first!.path).catch(() => {
          throw new AppError(
            'saml-metadata',
            `SAML metadata ${first!.path} (saml2_config.sp_config.metadata.local) could not be read.`,
            'Check the path where Synapse runs, or name an https URL in metadata.remote.',
          );
        });
  return parseIdpMetadata(xml, first!.kind === 'url' ? first!.url : first!.path, settings.idpEntityId);
}

/**
 * Save Dex's config beside the MAS config. Without `overwrite`, nothing is
 * written when it or one of `alsoNew` (the other files about to be written) exists.
 */
export async function saveDexConfig(
  source: MigrationSource,
  path: string,
  text: string,
  options: { overwrite: boolean; alsoNew?: readonly string[] },
): Promise<SavedFile> {
  if (!options.overwrite) await refuseExisting(source.masFiles, [path, ...(options.alsoNew ?? [])]);
  return saveConfigFile(source.masFiles, path, text, { overwrite: true });
}
