import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encryptionKeyFromHex, encryptSecret } from '../../../src-main/engine/mas/secret-encryption';
import { plainNodeCrypto } from '../../helpers/electron-crypto';
import { decryptMasSecret as decrypt } from '../../helpers/mas-secret';

describe('client secret encryption (SPEC §4.5)', () => {
  it('stores base64(nonce12 ‖ ciphertext ‖ tag16) that ChaCha20-Poly1305 decrypts with the key', () => {
    const key = randomBytes(32);
    const stored = encryptSecret(key, 'sëcret');
    expect(Buffer.from(stored, 'base64').length).toBe(12 + Buffer.byteLength('sëcret') + 16);
    expect(decrypt(key, stored)).toBe('sëcret');
  });

  it("is byte for byte what OpenSSL's ChaCha20-Poly1305 gives for the same key and nonce", () => {
    const key = randomBytes(32);
    const stored = Buffer.from(encryptSecret(key, 'client-sëcret'), 'base64');
    const nonce = stored.subarray(0, 12);
    const cipher = plainNodeCrypto().createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
    const body = Buffer.concat([cipher.update('client-sëcret', 'utf8'), cipher.final()]);
    expect(stored.toString('hex')).toBe(Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('hex'));
  });

  it("works where node:crypto has no chacha20-poly1305, as in Electron (this process's crypto is narrowed to it)", () => {
    const key = randomBytes(32);
    expect(() => createCipheriv('chacha20-poly1305', key, randomBytes(12), { authTagLength: 16 })).toThrow('Unknown cipher');
    expect(decrypt(key, encryptSecret(key, 'still works'))).toBe('still works');
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
