import { createPrivateKey, sign, verify } from 'node:crypto';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it } from 'vitest';
import { generateSigningKeys } from '../../../src-main/engine/config/generate/signing-keys';
import { plainNodeCrypto } from '../../helpers/electron-crypto';

describe('MAS signing keys in every runtime (SPEC §7)', () => {
  it('makes the k256 key where node:crypto has no secp256k1, as in Electron (this process is narrowed to it)', async () => {
    const keys = await generateSigningKeys();
    expect(keys).toHaveLength(4);
    expect(() => createPrivateKey(keys[3]!.key)).toThrow('UNKNOWN_GROUP');
  });

  it('writes the k256 key as the SEC1 PEM OpenSSL writes, with the public key of its scalar', async () => {
    const [, , , k256] = await generateSigningKeys();
    const plain = plainNodeCrypto();
    const key = plain.createPrivateKey(k256!.key);
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('secp256k1');
    expect(k256!.key).toMatch(/^-----BEGIN EC PRIVATE KEY-----\n/);
    // OpenSSL re-exports it byte for byte: the same structure, with the curve's OID and the public key.
    expect(key.export({ type: 'sec1', format: 'pem' })).toBe(k256!.key);
    const jwk = key.export({ format: 'jwk' });
    const publicPoint = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
    expect(publicPoint.toString('hex')).toBe(Buffer.from(secp256k1.getPublicKey(Buffer.from(jwk.d!, 'base64url'), false)).toString('hex'));
    // And OpenSSL verifies with the PEM's public key what the scalar signs.
    const signature = sign('sha256', Buffer.from('MAS'), key);
    expect(verify('sha256', Buffer.from('MAS'), plain.createPublicKey(key), signature)).toBe(true);
    expect(verify('sha256', Buffer.from('other'), plain.createPublicKey(key), signature)).toBe(false);
  });

  it('gives each key its own fresh scalar and kid', async () => {
    const [a, b] = await Promise.all([generateSigningKeys(), generateSigningKeys()]);
    const all = [...a, ...b];
    expect(new Set(all.map((k) => k.kid)).size).toBe(8);
    expect(new Set(all.map((k) => k.key)).size).toBe(8);
  });
});
