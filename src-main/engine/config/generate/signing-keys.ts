import { generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const generate = promisify(generateKeyPair);

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
  const { privateKey } = await generate('rsa', { modulusLength: 2048 });
  return { kid: newKid(), key: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString() };
}

async function ecKey(namedCurve: 'prime256v1' | 'secp384r1' | 'secp256k1'): Promise<SigningKey> {
  const { privateKey } = await generate('ec', { namedCurve });
  return { kid: newKid(), key: privateKey.export({ type: 'sec1', format: 'pem' }).toString() };
}

/** SPEC §7: one RSA 2048, one EC P-256, one P-384 and one secp256k1 key, generated in parallel (RSA is the slow one). */
export function generateSigningKeys(): Promise<SigningKey[]> {
  return Promise.all([rsaKey(), ecKey('prime256v1'), ecKey('secp384r1'), ecKey('secp256k1')]);
}

/** A random secret as hex (`secrets.encryption` is 32 bytes = 64 hex characters). */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
