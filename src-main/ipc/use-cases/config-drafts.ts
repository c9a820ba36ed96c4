import { AppError } from '../../../src-shared/errors';
import type { Draft, DraftStore } from '../../engine/config/draft-store';
import { type GeneratedMasConfig, generateMasConfig } from '../../engine/config/generate-mas-config';
import { masDocumentText, parseMasDocument, redactMasDocument } from '../../engine/config/mas-document';
import type { MigrationSource } from '../sources/migration-source';

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

/** What the renderer sees of a draft: every secret replaced by `<redacted>`. */
export const draftView = (draft: Draft) => ({
  draftId: draft.id,
  file: draft.file,
  preview: masDocumentText(redactMasDocument(draft.document), draft.originalText),
});
