import { AppError } from '../../../src-shared/errors';
import type { GeneratedMasConfig } from '../config/generate/generate-mas-config';
import { masDocumentText } from '../config/mas/mas-document';
import type { ReadSecretFile } from '../config/secret-files';
import type { SynapseConfig } from '../config/synapse/synapse-config';
import { addMasProvider, type DirectoryConfigOptions, generateDirectoryConfigs } from './generate-directory-configs';
import { findLdapModule } from './ldap-module';
import { readModuleFiles } from './module-target';

/**
 * SPEC §11 on top of SPEC §7: a generated MAS config gains the provider for
 * Dex, and Dex's config is returned beside it, both from the module's
 * settings (bind_password_file read with `read`, where Synapse's files are).
 */
export async function withDirectoryProvider(
  syn: SynapseConfig,
  generated: GeneratedMasConfig,
  read: ReadSecretFile,
  options: Omit<DirectoryConfigOptions, 'masPublicBase'>,
): Promise<{ mas: GeneratedMasConfig; dexYaml: string }> {
  const module = findLdapModule(syn);
  if (!module)
    throw new AppError(
      'usage',
      `${syn.files.join(', ')} configures no matrix-synapse-ldap3 module (in modules: or password_providers:), so there is no Dex config to generate.`,
      'Leave out --dex-output, or give the homeserver.yaml that has the module.',
    );
  const masPublicBase = String(generated.document.getIn(['http', 'public_base']));
  const directory = generateDirectoryConfigs(syn, module, await readModuleFiles(module, read), { ...options, masPublicBase });
  addMasProvider(generated.document, directory.provider);
  return {
    mas: {
      document: generated.document,
      yaml: masDocumentText(generated.document),
      warnings: [...generated.warnings, ...directory.warnings],
    },
    dexYaml: directory.dexYaml,
  };
}
