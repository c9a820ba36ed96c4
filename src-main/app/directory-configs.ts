import type { GeneratedMasConfig } from '../engine/config/generate/generate-mas-config';
import { refuseExisting, type SavedFile, saveConfigFile } from '../engine/config/generate/save-config-file';
import type { DirectoryConfigOptions } from '../engine/directory/generate-directory-configs';
import { withDirectoryProvider } from '../engine/directory/with-directory-provider';
import type { MigrationSource } from './sources/migration-source';
import { generateConfig } from './config-drafts';

/**
 * Generate a MAS config with the provider for Dex, and Dex's config, from a
 * source's Synapse config (SPEC §11); bind_password_file is read where
 * Synapse's files are (this computer, or its server over SFTP).
 */
export async function generateConfigWithDex(
  source: MigrationSource,
  options: Omit<DirectoryConfigOptions, 'masPublicBase'>,
): Promise<{ mas: GeneratedMasConfig; dexYaml: string }> {
  const read = (path: string) =>
    source.synapseFiles
      .readText(path)
      .then((text) => text.trim())
      .catch(() => undefined);
  return withDirectoryProvider(source.synapse, await generateConfig(source), read, options);
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
