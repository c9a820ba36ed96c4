import type { ConfigLoadWarning } from '../../../../src-shared/domain/config';
import { AppError } from '../../../../src-shared/errors';
import { type LibpqSettings, settingsFromMasSection } from '../../../connect/postgres/libpq-settings';
import { MasModel } from './mas-model';
import { parseModel } from '../yaml/parse-model';
import { knownSecret, type ReadSecretFile, readLocalSecretFile, resolveSecretFiles, type SecretFile } from '../secret-files';
import { type LoadOptions, configReaderOf } from '../synapse/synapse-config';
import { describeKey, type KeyPath, loadYamlFiles, type MergedYaml, type ReadingRules } from '../yaml/yaml-files';

/** MAS's config after merging its files (SPEC §1.3). */
export interface MasConfig {
  kind: 'mas';
  files: string[];
  model: MasModel;
  yaml: MergedYaml;
  /** Secrets given by `*_file` keys, read when reachable. */
  secretFiles: SecretFile[];
  /** Always empty today (mas-cli skips nothing); there so every loaded config reports the same way. */
  warnings: ConfigLoadWarning[];
}

/** SPEC §1.3: mas-cli reads files only and merges deeply, concatenating arrays. */
const masRules: ReadingRules = { kind: 'MAS', merge: 'deep-concat', folders: false, skipNonMaps: false, yaml: '1.2' };

export async function loadMasConfig(paths: readonly string[], options: LoadOptions = {}): Promise<MasConfig> {
  const yaml = await loadYamlFiles(paths, masRules, configReaderOf(options));
  if ('server_name' in yaml.value && !('matrix' in yaml.value)) {
    throw new AppError(
      'config-not-mas',
      `${yaml.files.join(', ')} is not a MAS config: it has server_name, like Synapse's homeserver.yaml.`,
      'Give the MAS config as --config and homeserver.yaml as --synapse-config.',
    );
  }
  const model = parseModel(MasModel, yaml, 'MAS', 'Fix the key in the MAS config and load it again.');
  const read: ReadSecretFile = options.readSecretFile ?? readLocalSecretFile;
  const secretFiles = await resolveSecretFiles(yaml, /_file$/, read);
  return { kind: 'mas', files: yaml.files, model, yaml, secretFiles, warnings: yaml.warnings };
}

export function masSource(cfg: MasConfig, path: KeyPath): string {
  return describeKey(cfg.yaml, path);
}

/** A secret set inline or by file: the value when known, `unknown` when only the file is named. */
export function masSecret(cfg: MasConfig, inline: string | null | undefined, fileKey: string): string | 'unknown' | undefined {
  return knownSecret(cfg.secretFiles, inline, fileKey);
}

/**
 * MAS's `database` section as libpq settings (SPEC §1.3): a URI or fields,
 * with its TLS files and connect timeout; `password_file` is read when the
 * app can reach it. The connect layer applies libpq's rules to the rest.
 */
export function masDatabaseSettings(cfg: MasConfig): LibpqSettings {
  const db = cfg.model.database;
  if (!db)
    throw new AppError(
      'mas-db-missing',
      `${cfg.files.join(', ')}: no database section in the MAS config.`,
      'Add database.uri (or host, username, database) to the MAS config.',
    );
  const passwordFile = cfg.secretFiles.find((s) => s.key === 'database.password_file');
  return settingsFromMasSection(db, masSource(cfg, ['database', db.uri != null ? 'uri' : 'host']), passwordFile?.value);
}

/** Whether the section gives a password (inline, in the URI, or by file), for views that only say "set". */
export function masDatabasePasswordGiven(cfg: MasConfig): boolean {
  const db = cfg.model.database;
  return Boolean(db?.password || db?.password_file || (db?.uri && /^[^:]+:\/\/[^/@]*:[^/@]+@/.test(db.uri)));
}
