import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../src-shared/errors';
import { writeFileAtomic } from '../connect/files/atomic-file';
import { deriveKey, type KdfParams, newKdfParams, open, seal } from './crypto-box';
import type { SecretCipher } from './secret-cipher';

const checkText = 'mas-migrator vault check';
export const minimumPassphraseLength = 8;

export const KdfParamsSchema = z.object({
  name: z.literal('argon2id'),
  salt: z.string().min(16),
  memoryCost: z.number().int().min(8192),
  timeCost: z.number().int().min(1),
  parallelism: z.number().int().min(1),
});

const VaultFile = z.object({ format: z.literal('mas-migrator-vault'), version: z.literal(1), kdf: KdfParamsSchema, check: z.string() });

export function vaultPath(dataDir: string): string {
  return join(dataDir, 'vault.json');
}

async function readVault(path: string): Promise<z.infer<typeof VaultFile> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const result = VaultFile.safeParse(parsed);
  if (!result.success) {
    throw new AppError(
      'vault-corrupt',
      `The secret vault file ${path} is damaged.`,
      'Restore it from a backup; without it the stored secrets cannot be decrypted (re-enter them after deleting the file).',
    );
  }
  return result.data;
}

export async function vaultExists(dataDir: string): Promise<boolean> {
  return (await readVault(vaultPath(dataDir))) !== undefined;
}

function cipherFor(key: Buffer): SecretCipher {
  return {
    kind: 'passphrase',
    seal: async (plain, aad) => seal(key, plain, aad),
    open: async (box, aad) => {
      const plain = open(key, box, aad);
      if (plain === undefined) {
        throw new AppError(
          'secret-unreadable',
          `The stored secret "${aad}" cannot be decrypted with this vault.`,
          'Enter that secret again in the profile.',
        );
      }
      return plain;
    },
  };
}

/**
 * Opens the passphrase vault of a data folder (argon2id + AES-256-GCM),
 * creating it with this passphrase on first use. A wrong passphrase is
 * refused and changes nothing.
 */
export async function unlockPassphraseVault(dataDir: string, passphrase: string): Promise<SecretCipher> {
  const path = vaultPath(dataDir);
  const existing = await readVault(path);
  if (existing) {
    const key = await deriveKey(passphrase, existing.kdf as KdfParams);
    if (open(key, existing.check, 'vault') !== checkText) {
      throw new AppError(
        'vault-wrong-passphrase',
        `The master passphrase does not open the secret vault in ${path}.`,
        'Type the master passphrase again (it is case-sensitive).',
      );
    }
    return cipherFor(key);
  }
  if (passphrase.length < minimumPassphraseLength) {
    throw new AppError(
      'vault-passphrase-too-short',
      `A new master passphrase needs at least ${minimumPassphraseLength} characters.`,
      'Choose a longer passphrase.',
    );
  }
  const kdf = newKdfParams();
  const key = await deriveKey(passphrase, kdf);
  const file: z.infer<typeof VaultFile> = { format: 'mas-migrator-vault', version: 1, kdf, check: seal(key, checkText, 'vault') };
  await writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
  return cipherFor(key);
}
