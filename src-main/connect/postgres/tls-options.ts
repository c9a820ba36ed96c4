import { readFile } from 'node:fs/promises';
import type { ConnectionOptions } from 'node:tls';
import type { DatabaseTls } from '../../../src-shared/domain/profile';
import { AppError } from '../../../src-shared/errors';

/**
 * node-postgres `ssl` options for a libpq sslmode: `require` encrypts without
 * verifying anything, `verify-ca` verifies the chain but not the host name,
 * `verify-full` verifies both. `prefer` is resolved by the caller (try TLS,
 * fall back to plain) and encrypts like `require` when the server offers TLS.
 */
export async function sslOptions(tls: DatabaseTls): Promise<false | ConnectionOptions> {
  switch (tls.mode) {
    case 'disable':
      return false;
    case 'prefer':
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      return { rejectUnauthorized: true, ca: await readCa(tls.caFile), checkServerIdentity: () => undefined };
    case 'verify-full':
      return { rejectUnauthorized: true, ca: await readCa(tls.caFile) };
  }
}

/** The CA file's PEM, or undefined for the system's CAs. */
async function readCa(file: string | undefined): Promise<string | undefined> {
  if (!file) return undefined;
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new AppError(
      'tls-ca-unreadable',
      `The CA file ${file} cannot be read (${(error as NodeJS.ErrnoException).code}).`,
      "Check the CA file path in the profile (a PEM file with the certificate that signed the database server's).",
    );
  }
}
