import { readFile } from 'node:fs/promises';
import type { ConnectionOptions } from 'node:tls';
import { AppError } from '../../../src-shared/errors';
import type { PemSource, TargetTls } from './database-target';

const what = { ca: 'CA certificate', cert: 'client certificate', key: 'client key' } as const;

async function read(source: PemSource | undefined, kind: keyof typeof what): Promise<string | undefined> {
  if (!source) return undefined;
  if ('pem' in source) return source.pem;
  try {
    return await readFile(source.file, 'utf8');
  } catch (error) {
    throw new AppError(
      'db-tls-file-unreadable',
      `The ${what[kind]} file ${source.file} cannot be read (${(error as NodeJS.ErrnoException).code}).`,
      `Check the path of the ${what[kind]} (a PEM file) in the config or the profile.`,
    );
  }
}

/**
 * node-postgres `ssl` options for encrypting as libpq's sslmode says:
 * `require` (and `prefer`, `allow` once TLS is in use) encrypts without
 * verifying, `verify-ca` verifies the chain but not the host name,
 * `verify-full` verifies both. A client certificate and key are sent when given.
 */
export async function tlsConnectionOptions(tls: TargetTls): Promise<ConnectionOptions> {
  const [ca, cert, key] = await Promise.all([read(tls.rootCert, 'ca'), read(tls.cert, 'cert'), read(tls.key, 'key')]);
  const client = { ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
  switch (tls.mode) {
    case 'verify-full':
      return { rejectUnauthorized: true, ...(ca ? { ca } : {}), ...client };
    case 'verify-ca':
      return { rejectUnauthorized: true, ...(ca ? { ca } : {}), checkServerIdentity: () => undefined, ...client };
    default:
      return { rejectUnauthorized: false, ...client };
  }
}
