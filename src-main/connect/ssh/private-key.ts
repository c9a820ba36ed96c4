import { readFile } from 'node:fs/promises';
import ssh2, { type ParsedKey } from 'ssh2';
import { AppError } from '../../../src-shared/errors';

// ssh2 is CommonJS and Node's ESM loader cannot see `utils` as a named export.
const { utils } = ssh2;

function isEncrypted(data: Buffer): boolean {
  const parsed = utils.parseKey(data);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  return key instanceof Error && /no passphrase given/i.test(key.message);
}

/** Reads and decrypts a private key file, with an error that says what is wrong with it. */
export async function loadPrivateKey(file: string, passphrase: string | undefined): Promise<ParsedKey> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(error as NodeJS.ErrnoException).code})`;
    throw new AppError(
      'ssh-key-unreadable',
      `The private key file ${file} ${reason}.`,
      'Check the key file path in the profile (or IdentityFile in ~/.ssh/config).',
    );
  }
  const parsed = utils.parseKey(data, passphrase);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key && !(key instanceof Error)) return key;
  const message = key instanceof Error ? key.message : 'empty key';
  if (/no passphrase given/i.test(message)) {
    throw new AppError(
      'ssh-key-passphrase-required',
      `The private key file ${file} is encrypted and no passphrase is set.`,
      'Enter the key passphrase in the profile.',
    );
  }
  // A wrong passphrase decrypts to garbage that ssh2 may call "malformed": the key is encrypted, so it is the passphrase.
  if (/passphrase|decrypt/i.test(message) || (passphrase !== undefined && isEncrypted(data))) {
    throw new AppError(
      'ssh-key-wrong-passphrase',
      `The passphrase does not decrypt the private key file ${file}.`,
      'Enter the key passphrase again.',
    );
  }
  throw new AppError(
    'ssh-key-unsupported',
    `The private key file ${file} is not in a supported format (${message}).`,
    'Use an OpenSSH, PEM (PKCS#1/SEC1) or PuTTY key; convert other keys with "ssh-keygen -p -f FILE" (which rewrites it in OpenSSH format).',
  );
}
