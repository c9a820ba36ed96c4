import { randomBytes } from 'node:crypto';
import type { Document } from 'yaml';
import { AppError } from '../../../../src-shared/errors';

/** What a draft holds: a MAS config, or a Dex config generated beside it (SPEC §11, §12), whose secrets differ. */
export type DraftKind = 'mas' | 'dex';

/** A config held in main while the admin reviews and edits it. */
export interface Draft {
  id: string;
  /** Absent: a MAS config. */
  kind?: DraftKind;
  /** The file it came from, or null when generated. */
  file: string | null;
  document: Document;
  /** The text it was read from, to keep the admin's layout when saving. */
  originalText?: string;
  /** A MAS config's Dex config generated with it and not saved yet: its providers for Dex share a client secret only that holds. */
  dexDraftId?: string;
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

  /** The draft of that kind (`any`: either), so a Dex config is never saved or validated as a MAS config. */
  get(id: string, kind: DraftKind | 'any' = 'mas'): Draft {
    const draft = this.#drafts.get(id);
    if (!draft || (kind !== 'any' && (draft.kind ?? 'mas') !== kind)) {
      const what = kind === 'dex' ? 'Dex config' : kind === 'mas' ? 'MAS config' : 'config';
      throw new AppError('draft-unknown', `There is no open ${what} draft ${id}.`, 'Generate or open the config again.');
    }
    return draft;
  }
}
