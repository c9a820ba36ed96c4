import type { Document } from 'yaml';
import { AppError } from '../../src-shared/errors';
import type { Draft, DraftStore } from '../engine/config/generate/draft-store';
import { type GeneratedMasConfig, generateMasConfig } from '../engine/config/generate/generate-mas-config';
import { homeserverSection } from '../engine/config/generate/homeserver-section';
import { redactDexDocument } from '../engine/config/dex/dex-document';
import { masDocumentText, parseMasDocument, redactMasDocument } from '../engine/config/mas/mas-document';
import { refuseExisting, type SavedFile, saveConfigFile } from '../engine/config/generate/save-config-file';
import type { MigrationSource } from './sources/migration-source';

/** Generate a MAS config from a source's Synapse config (SPEC §7), with what could not be carried over. */
export function generateConfig(source: MigrationSource): Promise<GeneratedMasConfig> {
  return generateMasConfig(source.synapse);
}

/** Open the source's MAS config (this computer or its server) as a draft to edit, keeping its comments and order. */
export async function openMasConfig(source: MigrationSource, drafts: DraftStore): Promise<Draft> {
  const path = source.masPaths[0];
  if (!path)
    throw new AppError(
      'mas-config-path-missing',
      `No MAS config file is named for ${source.label}.`,
      'Generate one, or name the file on the Connections screen.',
    );
  const text = await source.masFiles.readText(path);
  return drafts.add({ file: path, document: parseMasDocument(text, path), originalText: text });
}

/** The draft's full text, secrets included: only ever written to a file, never sent to the renderer. */
export const draftText = (draft: Draft) => masDocumentText(draft.document, draft.originalText);

/** What the renderer sees of a draft (a MAS or a Dex config): every secret replaced by `<redacted>`. */
export const draftView = (draft: Draft) => ({
  draftId: draft.id,
  file: draft.file,
  preview: masDocumentText((draft.kind === 'dex' ? redactDexDocument : redactMasDocument)(draft.document), draft.originalText),
});

export interface ConfigTargets {
  /** Where the MAS config goes, on the MAS side. */
  mas?: string;
  /** Where the homeserver `matrix_authentication_service` section (SPEC §9) goes, on the Synapse side. */
  synapseSection?: { path: string; endpoint?: string };
  /** Replace existing files (each is kept as a timestamped backup); otherwise nothing is written if one exists. */
  overwrite: boolean;
}

/**
 * Save a MAS config document (a draft, or one just generated) where the
 * source keeps its configs, and the homeserver section with its
 * `matrix.secret` on the Synapse side.
 */
export async function saveConfigs(source: MigrationSource, document: Document, text: string, targets: ConfigTargets): Promise<SavedFile[]> {
  const { mas, synapseSection, overwrite } = targets;
  if (!overwrite) {
    if (mas) await refuseExisting(source.masFiles, [mas]);
    if (synapseSection) await refuseExisting(source.synapseFiles, [synapseSection.path]);
  }
  const saved: SavedFile[] = [];
  if (mas) saved.push(await saveConfigFile(source.masFiles, mas, text, { overwrite: true }));
  if (synapseSection)
    saved.push(
      await saveConfigFile(source.synapseFiles, synapseSection.path, homeserverSection(document, synapseSection.endpoint), {
        overwrite: true,
      }),
    );
  return saved;
}
