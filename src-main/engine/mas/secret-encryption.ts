import { randomBytes } from 'node:crypto';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { AppError } from '../../../src-shared/errors';

/** The 32-byte key from MAS `secrets.encryption` (64 hex characters). */
export function encryptionKeyFromHex(hex: string | undefined): Buffer {
  if (!hex || !/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new AppError(
      'mas-encryption-key',
      'The MAS config has no usable secrets.encryption key (64 hex characters), which is needed to store upstream provider client secrets.',
      'Set secrets.encryption (or secrets.encryption_file) in the MAS config, e.g. from `openssl rand -hex 32`.',
    );
  }
  return Buffer.from(hex, 'hex');
}

/**
 * Encrypts a value the way MAS stores client secrets (SPEC §4.5):
 * ChaCha20-Poly1305 (RFC 8439), base64 of 12-byte random nonce ‖ ciphertext ‖ 16-byte tag.
 * The AEAD is @noble/ciphers': Electron's `node:crypto` (BoringSSL) has no
 * `chacha20-poly1305` cipher (electron/electron#24024).
 */
export function encryptSecret(key: Buffer, plaintext: string): string {
  const nonce = randomBytes(12);
  const sealed = chacha20poly1305(key, nonce).encrypt(Buffer.from(plaintext, 'utf8'));
  return Buffer.concat([nonce, sealed]).toString('base64');
}
