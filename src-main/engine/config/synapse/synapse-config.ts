import type { ConfigLoadWarning } from '../../../../src-shared/domain/config';
import { AppError } from '../../../../src-shared/errors';
import { parseModel } from '../yaml/parse-model';
import { knownSecret, type ReadSecretFile, readLocalSecretFile, resolveSecretFiles, type SecretFile } from '../secret-files';
import { SynapseModel } from './synapse-model';
import type { ConfigFileReader } from '../../../connect/files/config-paths';
import { describeKey, type KeyPath, loadYamlFiles, type MergedYaml, type ReadingRules } from '../yaml/yaml-files';

/** Synapse's config after merging its files: the model of used keys, and where each key came from. */
export interface SynapseConfig {
  kind: 'synapse';
  files: string[];
  model: SynapseModel;
  yaml: MergedYaml;
  /** Secrets given by `*_path` keys (SPEC §1.1). */
  secretFiles: SecretFile[];
  /** What was skipped while reading, as the server skips it: for `check` (findings), `config generate` and the app. */
  warnings: ConfigLoadWarning[];
}

/** Where the config files are read; by default this computer's files (with their size limit). */
export interface LoadOptions {
  readText?: ConfigFileReader['readText'];
  /** Lists a folder where folders are read (Synapse): give it with `readText` so folders work there too. */
  list?: ConfigFileReader['list'];
  /** Reads `*_path` secrets on the Synapse host; by default only local files that exist. */
  readSecretFile?: ReadSecretFile;
}

export function configReaderOf(options: LoadOptions): ConfigFileReader | undefined {
  if (!options.readText) return undefined;
  return options.list ? { readText: options.readText, list: options.list } : { readText: options.readText };
}

/** SPEC §1.1: Synapse reads folders, merges shallowly, and skips empty and non-map files. */
const synapseRules: ReadingRules = { kind: 'Synapse', merge: 'shallow', folders: true, skipNonMaps: true, yaml: '1.1' };

/** Keys that only a MAS config has: a better error when the admin swapped the two files. */
const masOnlyKeys = ['secrets', 'upstream_oauth2', 'passwords', 'http'];

/** Loads and merges homeserver.yaml files and conf.d folders (SPEC §1.1). Throws AppError naming file, line and key. */
export async function loadSynapseConfig(paths: readonly string[], options: LoadOptions = {}): Promise<SynapseConfig> {
  const yaml = await loadYamlFiles(paths, synapseRules, configReaderOf(options));
  if (yaml.value.server_name === undefined && masOnlyKeys.some((key) => key in yaml.value)) {
    throw new AppError(
      'config-not-synapse',
      `${yaml.files.join(', ')} is not a Synapse config: it has no server_name and looks like a MAS config.`,
      'Give homeserver.yaml as the Synapse config (--synapse-config) and the MAS file as --config.',
    );
  }
  const model = parseModel(SynapseModel, yaml, 'Synapse', 'Fix the key in the Synapse config (homeserver.yaml) and load it again.');
  const secretFiles = await resolveSecretFiles(yaml, /_path$/, options.readSecretFile ?? readLocalSecretFile);
  return { kind: 'synapse', files: yaml.files, model, yaml, secretFiles, warnings: yaml.warnings };
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
