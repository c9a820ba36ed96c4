import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import argon2 from 'argon2';

/** argon2id cost settings, stored beside what they protect so they can be raised later. */
export interface KdfParams {
  name: 'argon2id';
  salt: string;
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export function newKdfParams(): KdfParams {
  return { name: 'argon2id', salt: randomBytes(16).toString('base64'), memoryCost: 65_536, timeCost: 3, parallelism: 1 };
}

/** A 32-byte AES key derived from a passphrase. */
export async function deriveKey(passphrase: string, params: KdfParams): Promise<Buffer> {
  return argon2.hash(passphrase, {
    type: argon2.argon2id,
    raw: true,
    hashLength: 32,
    salt: Buffer.from(params.salt, 'base64'),
    memoryCost: params.memoryCost,
    timeCost: params.timeCost,
    parallelism: params.parallelism,
  });
}

/** AES-256-GCM: base64 of iv(12) | tag(16) | ciphertext. `aad` binds the box to where it is stored. */
export function seal(key: Buffer, plain: string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Opens a box, or returns undefined when the key is wrong or the box was tampered with. */
export function open(key: Buffer, box: string, aad: string): string | undefined {
  const raw = Buffer.from(box, 'base64');
  if (raw.length < 28) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
