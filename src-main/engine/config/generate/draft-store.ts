import { randomBytes } from 'node:crypto';
import type { Document } from 'yaml';
import { AppError } from '../../../../src-shared/errors';

/** A MAS config held in main while the admin reviews and edits it. */
export interface Draft {
  id: string;
  /** The file it came from, or null when generated. */
  file: string | null;
  document: Document;
  /** The text it was read from, to keep the admin's layout when saving. */
  originalText?: string;
}

/** Drafts by id; the oldest go when there are too many (each holds private keys). */
export class DraftStore {
  readonly #drafts = new Map<string, Draft>();
  constructor(private readonly limit = 20) {}

  add(draft: Omit<Draft, 'id'>): Draft {
    const entry = { ...draft, id: randomBytes(12).toString('base64url') };
    this.#drafts.set(entry.id, entry);
    for (const id of this.#drafts.keys()) {
      if (this.#drafts.size <= this.limit) break;
      this.#drafts.delete(id);
    }
    return entry;
  }

  get(id: string): Draft {
    const draft = this.#drafts.get(id);
    if (!draft) throw new AppError('draft-unknown', `There is no open MAS config draft ${id}.`, 'Generate or open the config again.');
    return draft;
  }
}
