import { AppError } from '../../../src-shared/errors';
import { parseModel } from './parse-model';
import { knownSecret, type ReadSecretFile, readLocalSecretFile, resolveSecretFiles, type SecretFile } from './secret-files';
import { SynapseModel } from './synapse-model';
import { type ReadText, describeKey, type KeyPath, loadYamlFiles, type MergedYaml } from './yaml-files';

/** Synapse's config after merging its files: the model of used keys, and where each key came from. */
export interface SynapseConfig {
  kind: 'synapse';
  files: string[];
  model: SynapseModel;
  yaml: MergedYaml;
  /** Secrets given by `*_path` keys (SPEC §1.1). */
  secretFiles: SecretFile[];
}

export interface LoadOptions {
  readText?: ReadText;
  /** Reads `*_path` secrets on the Synapse host; by default only local files that exist. */
  readSecretFile?: ReadSecretFile;
}

/** Keys that only a MAS config has: a better error when the admin swapped the two files. */
const masOnlyKeys = ['secrets', 'upstream_oauth2', 'passwords', 'http'];

/** Loads and merges homeserver.yaml files (SPEC §1.1). Throws AppError naming file, line and key. */
export async function loadSynapseConfig(paths: readonly string[], options: LoadOptions = {}): Promise<SynapseConfig> {
  const yaml = await loadYamlFiles(paths, 'Synapse', options.readText);
  if (yaml.value.server_name === undefined && masOnlyKeys.some((key) => key in yaml.value)) {
    throw new AppError(
      'config-not-synapse',
      `${paths.join(', ')} is not a Synapse config: it has no server_name and looks like a MAS config.`,
      'Give homeserver.yaml as the Synapse config (--synapse-config) and the MAS file as --config.',
    );
  }
  const model = parseModel(SynapseModel, yaml, 'Synapse', 'Fix the key in the Synapse config (homeserver.yaml) and load it again.');
  const secretFiles = await resolveSecretFiles(yaml, /_path$/, options.readSecretFile ?? readLocalSecretFile);
  return { kind: 'synapse', files: yaml.files, model, yaml, secretFiles };
}

/** "homeserver.yaml line 12: database.name", for findings and errors about this config. */
export function synapseSource(cfg: SynapseConfig, path: KeyPath): string {
  return describeKey(cfg.yaml, path);
}

/** Synapse's `matrix_authentication_service.secret` (or the readable secret_path): shared with MAS's matrix.secret (SPEC §9). */
export function synapseMasSecret(cfg: SynapseConfig): string | 'unknown' | undefined {
  const section = cfg.model.matrix_authentication_service;
  return knownSecret(cfg.secretFiles, section?.secret, 'matrix_authentication_service.secret_path');
}
