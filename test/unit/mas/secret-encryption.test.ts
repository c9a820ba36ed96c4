import { createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encryptionKeyFromHex, encryptSecret } from '../../../src-main/engine/mas/secret-encryption';

function decrypt(key: Buffer, stored: string): string {
  const blob = Buffer.from(stored, 'base64');
  const decipher = createDecipheriv('chacha20-poly1305', key, blob.subarray(0, 12), { authTagLength: 16 });
  decipher.setAuthTag(blob.subarray(blob.length - 16));
  return Buffer.concat([decipher.update(blob.subarray(12, blob.length - 16)), decipher.final()]).toString('utf8');
}

describe('client secret encryption (SPEC §4.5)', () => {
  it('stores base64(nonce12 ‖ ciphertext ‖ tag16) that ChaCha20-Poly1305 decrypts with the key', () => {
    const key = randomBytes(32);
    const stored = encryptSecret(key, 'sëcret');
    expect(Buffer.from(stored, 'base64').length).toBe(12 + Buffer.byteLength('sëcret') + 16);
    expect(decrypt(key, stored)).toBe('sëcret');
  });

  it('uses a fresh nonce each time and fails authentication under another key', () => {
    const key = randomBytes(32);
    expect(encryptSecret(key, 'x')).not.toBe(encryptSecret(key, 'x'));
    expect(() => decrypt(randomBytes(32), encryptSecret(key, 'x'))).toThrow();
  });

  it('accepts only a 64-hex-character key', () => {
    expect(encryptionKeyFromHex('ab'.repeat(32))).toHaveLength(32);
    expect(() => encryptionKeyFromHex('abc')).toThrow(/secrets.encryption/);
    expect(() => encryptionKeyFromHex(undefined)).toThrow(/secrets.encryption/);
  });
});
