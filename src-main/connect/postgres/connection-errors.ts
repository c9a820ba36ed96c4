import { AppError } from '../../../src-shared/errors';
import { unreachableSocketCodes } from '../network-errors';

// ENOENT: a Unix socket folder without PostgreSQL's socket in it.
const unreachableCodes = new Set([...unreachableSocketCodes, 'ENOENT']);
const certificateCodes = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
]);
const reachHint = 'Check the host and port, that PostgreSQL runs and listens there, and any firewall.';

/** The server refused a connection that was not encrypted (pg_hba.conf allows only `hostssl` for it). */
function refusedForNoEncryption(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === '28000' && /no encryption/i.test(e.message ?? '');
}

/**
 * Turns a failure to connect into the one error every host reports for it
 * (SPEC DESIGN: the same input fails with the same code in the connection
 * test, the checks, the run and the CLI), naming the database and saying what to do.
 */
export function describeConnectionError(error: unknown, where: string, note?: string): AppError {
  if (error instanceof AppError) return error;
  const e = error as Error & { code?: string };
  const code = e.code ?? '';
  const message = e.message ?? String(error);
  if (code === '28P01')
    return new AppError('db-auth-failed', `PostgreSQL ${where} refused the password.`, note ?? 'Check the database user and password.');
  if (/client password must be a string|no password supplied/i.test(message))
    return new AppError(
      'db-auth-failed',
      `PostgreSQL ${where} asked for a password, and none was given.`,
      note ?? 'Give the password (in the config, the profile, PGPASSWORD or ~/.pgpass).',
    );
  if (refusedForNoEncryption(error))
    return new AppError(
      'db-tls-refused',
      `PostgreSQL ${where} accepts this connection only with TLS, but TLS is off.`,
      'Set sslmode (ssl_mode in a MAS config) to prefer, require, verify-ca or verify-full.',
    );
  if (code === '28000')
    return new AppError(
      'db-auth-failed',
      `PostgreSQL ${where} does not let this user in: ${message}.`,
      'Allow the connection in pg_hba.conf, or use another user.',
    );
  if (code === '3D000') return new AppError('db-missing', `PostgreSQL ${where}: ${message}.`, 'Check the database name.');
  // 57P01–57P03: the server is shutting down, crashed, or is starting up.
  if (/^57P0[123]$/.test(code))
    return new AppError('db-unreachable', `PostgreSQL ${where} is not accepting connections: ${message}.`, reachHint);
  if (/timeout expired|connection timeout/i.test(message))
    return new AppError('db-unreachable', `PostgreSQL ${where} did not answer in time.`, reachHint);
  if (unreachableCodes.has(code)) return new AppError('db-unreachable', `Cannot reach PostgreSQL ${where} (${code}).`, reachHint);
  if (/Connection terminated unexpectedly/i.test(message))
    return new AppError('db-unreachable', `PostgreSQL ${where} closed the connection while it was being opened.`, reachHint);
  if (certificateCodes.has(code))
    return new AppError(
      'db-certificate-mismatch',
      `The TLS certificate of PostgreSQL ${where} could not be verified (${code}: ${message}).`,
      'Set the CA file to the certificate of the CA that signed the server\'s, use the host name the certificate names (verify-full), or, accepting the risk, choose the non-verifying mode "require".',
    );
  if (/does not support SSL/i.test(message))
    return new AppError(
      'db-tls-refused',
      `PostgreSQL ${where} does not offer TLS, but the settings require it.`,
      'Enable ssl on the server, or set sslmode (ssl_mode in a MAS config) to prefer or disable.',
    );
  return new AppError('db-connection-failed', `The connection to PostgreSQL ${where} failed: ${message}.`, 'Check the database settings.');
}
