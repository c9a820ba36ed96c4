import { generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { AppError } from '../../../../src-shared/errors';

export interface SigningKey {
  kid: string;
  /** PEM private key. */
  key: string;
}

const kidAlphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A short random key ID (JWK `kid`). */
function newKid(): string {
  return [...randomBytes(10)].map((b) => kidAlphabet[b % kidAlphabet.length]).join('');
}

async function rsaKey(): Promise<SigningKey> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return { kid: newKid(), key: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString() };
}

/** The NIST curves, which every runtime's `node:crypto` has (Electron's BoringSSL too). */
async function nistKey(namedCurve: 'prime256v1' | 'secp384r1'): Promise<SigningKey> {
  const { privateKey } = await promisify(generateKeyPair)('ec', { namedCurve });
  return { kid: newKid(), key: privateKey.export({ type: 'sec1', format: 'pem' }).toString() };
}

/**
 * An RFC 5915 ECPrivateKey on secp256k1 has fixed lengths, so its DER is these
 * bytes around the 32-byte scalar d and the 65-byte uncompressed point Q.
 */
const k256Head = Buffer.from(
  [
    '3074', // SEQUENCE, 116 bytes
    '020101', // INTEGER 1 (version)
    '0420', // OCTET STRING, 32 bytes: d follows
  ].join(''),
  'hex',
);
const k256Middle = Buffer.from(
  [
    'a007', // [0] parameters
    '06052b8104000a', // OID 1.3.132.0.10, secp256k1 (SEC 2)
    'a144', // [1] publicKey
    '034200', // BIT STRING, 66 bytes, no unused bits: Q follows
  ].join(''),
  'hex',
);

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * MAS's k256 key, made with @noble/curves: Electron's `node:crypto` is BoringSSL,
 * which has no secp256k1 (electron/electron#32535). Same SEC1 PEM as OpenSSL writes.
 */
function k256Key(): SigningKey {
  const secret = secp256k1.utils.randomSecretKey();
  const point = secp256k1.getPublicKey(secret, false);
  const der = Buffer.concat([k256Head, secret, k256Middle, point]);
  return { kid: newKid(), key: pem('EC PRIVATE KEY', der) };
}

/** SPEC §7: one RSA 2048, one EC P-256, one P-384 and one secp256k1 key, generated in parallel (RSA is the slow one). */
export async function generateSigningKeys(): Promise<SigningKey[]> {
  try {
    return await Promise.all([rsaKey(), nistKey('prime256v1'), nistKey('secp384r1'), Promise.resolve().then(k256Key)]);
  } catch (error) {
    throw new AppError(
      'crypto-failed',
      `Could not generate the MAS signing keys (RSA 2048, EC P-256, P-384 and secp256k1): ${(error as Error).message}`,
      'This runtime lacks a cryptographic algorithm MAS needs; please report it with your operating system and app version.',
    );
  }
}

/** A random secret as hex (`secrets.encryption` is 32 bytes = 64 hex characters). */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
