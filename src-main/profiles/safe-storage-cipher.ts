import { AppError } from '../../src-shared/errors';
import type { SecretCipher } from './secret-cipher';

/** The part of Electron's safeStorage this app uses (main never imports electron outside the Electron host). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/**
 * safeStorage as a SecretCipher, or undefined when the OS keyring is not real
 * (on Linux the `basic_text` backend only obfuscates): then the passphrase vault is used.
 */
export function safeStorageCipher(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretCipher | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    if (backend === 'basic_text' || backend === 'unknown') return undefined;
  }
  const separator = '\u0000';
  return {
    kind: 'safe-storage',
    seal: async (plain, aad) => safeStorage.encryptString(`${aad}${separator}${plain}`).toString('base64'),
    open: async (box, aad) => {
      let text: string;
      try {
        text = safeStorage.decryptString(Buffer.from(box, 'base64'));
      } catch {
        text = '';
      }
      if (!text.startsWith(`${aad}${separator}`)) {
        throw new AppError(
          'secret-unreadable',
          `The stored secret "${aad}" cannot be decrypted by this system's keyring.`,
          'Enter that secret again in the profile.',
        );
      }
      return text.slice(aad.length + 1);
    },
  };
}
