import { z } from 'zod';
import { Profile, SecretSlot } from '../../src-shared/domain/profile';
import { AppError } from '../../src-shared/errors';
import { deriveKey, newKdfParams, open, seal } from './crypto-box';
import { KdfParamsSchema, minimumPassphraseLength } from './passphrase-vault';
import type { ProfileStore } from './profile-store';

const ExportFile = z.object({
  format: z.literal('mas-migrator-profile-export'),
  version: z.literal(1),
  kdf: KdfParamsSchema,
  box: z.string(),
});
const ExportPayload = z.object({
  profile: Profile.omit({ id: true, createdAt: true, updatedAt: true }),
  secrets: z.partialRecord(SecretSlot, z.string()),
});

/** A profile with its secrets as one passphrase-encrypted file: nothing of it is readable without the passphrase. */
export async function exportProfile(store: ProfileStore, id: string, passphrase: string): Promise<string> {
  if (passphrase.length < minimumPassphraseLength) {
    throw new AppError(
      'export-passphrase-too-short',
      `An export passphrase needs at least ${minimumPassphraseLength} characters.`,
      'Choose a longer passphrase.',
    );
  }
  const { id: _id, createdAt: _c, updatedAt: _u, secretsSet: _s, ...profile } = await store.get(id);
  // Secrets the admin chose not to remember stay out of the file too.
  const payload: z.infer<typeof ExportPayload> = { profile, secrets: await store.secrets(id, { includeSession: false }) };
  const kdf = newKdfParams();
  const box = seal(await deriveKey(passphrase, kdf), JSON.stringify(payload), 'export');
  return `${JSON.stringify({ format: 'mas-migrator-profile-export', version: 1, kdf, box }, null, 2)}\n`;
}

/** Imports an export under a new id; `name` renames it (needed when the name is taken). */
export async function importProfile(store: ProfileStore, text: string, passphrase: string, name?: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const file = ExportFile.safeParse(json);
  if (!file.success)
    throw new AppError(
      'import-not-an-export',
      'This file is not a MAS Migrator profile export.',
      'Choose a file made with "Export profile".',
    );
  const plain = open(await deriveKey(passphrase, file.data.kdf), file.data.box, 'export');
  if (plain === undefined) {
    throw new AppError(
      'import-wrong-passphrase',
      'The passphrase does not open this profile export.',
      'Type the passphrase that was chosen when the profile was exported.',
    );
  }
  const payload = ExportPayload.safeParse(JSON.parse(plain));
  if (!payload.success)
    throw new AppError(
      'import-not-an-export',
      'The profile export holds no valid profile (it may come from a newer version).',
      'Export the profile again with this version.',
    );
  const profile = name ? { ...payload.data.profile, name } : payload.data.profile;
  return store.adopt(profile, payload.data.secrets);
}
