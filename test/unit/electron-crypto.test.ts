import { spawnSync } from 'node:child_process';
import {
  createCipheriv,
  createDecipheriv,
  createECDH,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  generateKeyPairSync,
  getCiphers,
  randomBytes,
} from 'node:crypto';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { electronCiphers, electronCurves, plainNodeCrypto } from '../helpers/electron-crypto';
import { narrowedNodeArgs } from '../helpers/narrowed-node';

/** What a CommonJS library (ssh2, pg) gets from require('crypto'). */
const required = createRequire(import.meta.url)('crypto') as typeof import('node:crypto');
const unknownGroup = { message: 'error:0f00007b:elliptic curve routines:OPENSSL_internal:UNKNOWN_GROUP', code: 'ERR_OSSL_UNKNOWN_GROUP' };
const unknownCipher = { message: 'Unknown cipher', code: 'ERR_CRYPTO_UNKNOWN_CIPHER' };
const caught = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return error;
  }
  return 'no error';
};

/** The test set-up narrows node:crypto to Electron's BoringSSL set: these fail if it stops doing so. */
describe("node:crypto narrowed to Electron's set, in every test", () => {
  it('refuses ciphers BoringSSL does not offer through createCipheriv, for ESM and CommonJS callers alike', () => {
    const key = randomBytes(32);
    const nonce = randomBytes(12);
    for (const create of [createCipheriv, createDecipheriv, required.createCipheriv, required.createDecipheriv]) {
      expect(caught(() => create('chacha20-poly1305', key, nonce, { authTagLength: 16 }))).toMatchObject(unknownCipher);
    }
    expect(caught(() => createCipheriv('chacha20', key, randomBytes(16)))).toMatchObject(unknownCipher);
    expect(caught(() => createCipheriv('aes-128-ccm', randomBytes(16), nonce, { authTagLength: 16 }))).toMatchObject(unknownCipher);
  });

  it('keeps the AES-GCM the profile vault uses', () => {
    const key = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = required.createCipheriv('aes-256-gcm', key, iv);
    const sealed = Buffer.concat([cipher.update('vault', 'utf8'), cipher.final()]);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(cipher.getAuthTag());
    expect(Buffer.concat([decipher.update(sealed), decipher.final()]).toString()).toBe('vault');
    // Names are case-insensitive, as in BoringSSL's EVP_get_cipherbyname.
    expect(() => createCipheriv('AES-256-CBC', key, randomBytes(16))).not.toThrow();
  });

  it('refuses EC groups off the four NIST curves, however the key is made or read', async () => {
    expect(caught(() => generateKeyPairSync('ec', { namedCurve: 'secp256k1' }))).toMatchObject(unknownGroup);
    expect(caught(() => required.generateKeyPairSync('ec', { namedCurve: 'brainpoolP256r1' }))).toMatchObject(unknownGroup);
    await expect(promisify(generateKeyPair)('ec', { namedCurve: 'secp256k1' })).rejects.toMatchObject(unknownGroup);
    const viaCallback = await new Promise((resolve) => generateKeyPair('ec', { namedCurve: 'secp256k1' }, resolve));
    expect(viaCallback).toMatchObject(unknownGroup);
    expect(caught(() => createECDH('secp256k1'))).toMatchObject(unknownGroup);
    const k256 = plainNodeCrypto().generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    expect(caught(() => createPrivateKey(k256.privateKey.export({ type: 'sec1', format: 'pem' })))).toMatchObject(unknownGroup);
    expect(caught(() => createPublicKey(k256.publicKey.export({ type: 'spki', format: 'pem' })))).toMatchObject(unknownGroup);
    // A name no crypto knows keeps Node's own error.
    expect(caught(() => createECDH('no-such-curve'))).toMatchObject({ code: 'ERR_CRYPTO_INVALID_CURVE' });
  });

  it('keeps P-256, P-384, RSA and Ed25519', async () => {
    const { privateKey } = await promisify(generateKeyPair)('ec', { namedCurve: 'prime256v1' });
    expect(createPrivateKey(privateKey.export({ type: 'sec1', format: 'pem' })).asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
    expect(generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.asymmetricKeyDetails).toEqual({ namedCurve: 'secp384r1' });
    expect(createECDH('prime256v1').generateKeys()).toHaveLength(65);
    expect(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.asymmetricKeyType).toBe('rsa');
    expect(generateKeyPairSync('ed25519').privateKey.asymmetricKeyType).toBe('ed25519');
  });

  it("answers Electron's lists", () => {
    expect(getCiphers()).toEqual(electronCiphers);
    expect(required.getCurves()).toEqual(electronCurves);
    // The curves are a subset of plain Node's (its OpenSSL 3 hides the legacy ciphers BoringSSL still lists: bf, des, rc2, rc4).
    expect(electronCurves.filter((c) => !plainNodeCrypto().getCurves().includes(c))).toEqual([]);
  });

  it("plainNodeCrypto is plain Node's, for checks of what MAS reads", () => {
    const plain = plainNodeCrypto();
    expect(plain.generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey.asymmetricKeyDetails).toEqual({
      namedCurve: 'secp256k1',
    });
    expect(() => plain.createCipheriv('chacha20-poly1305', randomBytes(32), randomBytes(12), { authTagLength: 16 })).not.toThrow();
  });

  it('narrows a spawned node the same way (narrowedNodeArgs)', () => {
    const script = `import { createCipheriv, generateKeyPairSync, getCurves } from 'node:crypto';
const tryIt = (f) => { try { f(); return 'ok'; } catch (e) { return e.message; } };
console.log(JSON.stringify({
  chacha: tryIt(() => createCipheriv('chacha20-poly1305', Buffer.alloc(32), Buffer.alloc(12), { authTagLength: 16 })),
  k256: tryIt(() => generateKeyPairSync('ec', { namedCurve: 'secp256k1' })),
  p256: tryIt(() => generateKeyPairSync('ec', { namedCurve: 'prime256v1' })),
  curves: getCurves(),
}));`;
    const run = spawnSync(process.execPath, [...narrowedNodeArgs, '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      chacha: unknownCipher.message,
      k256: unknownGroup.message,
      p256: 'ok',
      curves: electronCurves,
    });
  });
});
