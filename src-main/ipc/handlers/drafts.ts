import { type Draft, DraftStore } from '../../engine/config/draft-store';
import { masDocumentText, redactMasDocument } from '../../engine/config/mas-document';
import type { Services } from '../context';

/** Drafts live as long as the services of one host (a window or a web host run). */
const draftStores = new WeakMap<Services, DraftStore>();
export function draftsOf(services: Services): DraftStore {
  const store = draftStores.get(services) ?? new DraftStore();
  draftStores.set(services, store);
  return store;
}

/** The draft's full text, secrets included: only ever written to a file, never sent to the renderer. */
export const draftText = (draft: Draft) => masDocumentText(draft.document, draft.originalText);
export const draftView = (draft: Draft) => ({
  draftId: draft.id,
  file: draft.file,
  preview: masDocumentText(redactMasDocument(draft.document), draft.originalText),
});
