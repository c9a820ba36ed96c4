import { plainNodeCrypto } from './electron-crypto';

/**
 * Opens a client secret as MAS stores it (base64 of nonce12 ‖ ciphertext ‖ tag16)
 * with plain Node's own ChaCha20-Poly1305 (OpenSSL, which the test process is
 * narrowed away from): an implementation independent of the app's.
 */
export function decryptMasSecret(key: Buffer, stored: string): string {
  const blob = Buffer.from(stored, 'base64');
  const decipher = plainNodeCrypto().createDecipheriv('chacha20-poly1305', key, blob.subarray(0, 12), { authTagLength: 16 });
  decipher.setAuthTag(blob.subarray(blob.length - 16));
  return Buffer.concat([decipher.update(blob.subarray(12, blob.length - 16)), decipher.final()]).toString('utf8');
}
