import { ResultCodeError } from 'ldapts';
import { AppError } from '../../../src-shared/errors';
import { redactSecrets } from '../../../src-shared/redact';
import { unreachableSocketCodes } from '../network-errors';

/** What the client was doing when it failed: the same failure means different things at each step. */
export type LdapPhase = 'connect' | 'starttls' | 'bind' | 'search';

// A write into a closed socket is a dropped directory too.
const unreachableCodes = new Set([...unreachableSocketCodes, 'EPIPE']);
/** Node's certificate and handshake failures (OpenSSL's verify codes and the TLS layer's own). */
const tlsCode = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|EPROTO$|ECONNRESET_TLS)/;

/** LDAP result codes (RFC 4511 §4.1.9) this app tells apart. */
const resultCodes = {
  strongAuthRequired: 8,
  confidentialityRequired: 13,
  noSuchObject: 32,
  inappropriateAuthentication: 48,
  invalidCredentials: 49,
  insufficientAccessRights: 50,
} as const;

export interface LdapErrorContext {
  /** The URI (or URIs) in use, as the admin wrote them: every message names it. */
  where: string;
  phase: LdapPhase;
  /** The bind DN, named when the bind fails (it is not a secret; the password is). */
  bindDn?: string;
  /** The search base, named when it does not exist. */
  base?: string;
}

function resultCodeError(error: ResultCodeError, context: LdapErrorContext): AppError {
  const { where, phase } = context;
  const who = context.bindDn ? `as "${context.bindDn}"` : 'anonymously';
  switch (error.code) {
    case resultCodes.invalidCredentials:
    case resultCodes.inappropriateAuthentication:
      return new AppError(
        'ldap-bind-failed',
        `The directory ${where} refused the bind ${who} (${error.code === resultCodes.invalidCredentials ? 'invalid credentials' : 'inappropriate authentication'}).`,
        "Check bind_dn and bind_password (or the file bind_password_file names) in the module's config in homeserver.yaml.",
      );
    case resultCodes.confidentialityRequired:
    case resultCodes.strongAuthRequired:
      return new AppError(
        'ldap-tls',
        `The directory ${where} requires an encrypted connection for this ${phase === 'bind' ? 'bind' : 'operation'}.`,
        'Use an ldaps:// URI or set start_tls: true in the module config.',
      );
    default:
      if (phase === 'starttls')
        return new AppError(
          'ldap-tls',
          `The directory ${where} refused StartTLS (${error.message}).`,
          'Enable TLS on the directory server, or use its ldaps:// URI.',
        );
      if (phase === 'bind')
        return new AppError(
          'ldap-bind-failed',
          `The directory ${where} refused the bind ${who} (${error.message}).`,
          'Check bind_dn and the bind password.',
        );
      if (error.code === resultCodes.noSuchObject)
        return new AppError(
          'ldap-search-failed',
          `The search base "${context.base ?? ''}" does not exist in the directory ${where}.`,
          "Check base in the module's config in homeserver.yaml.",
        );
      if (error.code === resultCodes.insufficientAccessRights)
        return new AppError(
          'ldap-search-failed',
          `The directory ${where} does not let ${context.bindDn ? `"${context.bindDn}"` : 'an anonymous user'} search "${context.base ?? ''}".`,
          'Give the bind account read access to the users (their uid attribute and the ID attribute).',
        );
      return new AppError(
        'ldap-search-failed',
        `The directory ${where} refused the search (${error.message}).`,
        'Check base and filter in the module config.',
      );
  }
}

/**
 * Turns a failure of the LDAP client into one of the directory's error
 * codes, naming the URI and never the password (the message of a library
 * error is redacted as a last resort: no password is ever passed in one).
 */
export function describeLdapError(error: unknown, context: LdapErrorContext): AppError {
  // The SSH server could not reach the directory: the directory is unreachable from there (SSH's own failures stay as they are).
  if (error instanceof AppError && error.code === 'ssh-forward-failed')
    return new AppError('ldap-unreachable', `Cannot reach the directory ${context.where}: ${error.message}`, error.hint);
  if (error instanceof AppError) return error;
  if (error instanceof ResultCodeError) return resultCodeError(error, context);
  const { where } = context;
  const e = error as Error & { code?: string };
  const code = typeof e.code === 'string' ? e.code : '';
  const detail = redactSecrets(code || e.message || String(error));
  const timedOut = /timeout|timed out/i.test(e.message ?? '');
  const tls = () =>
    new AppError(
      'ldap-tls',
      `The TLS connection to the directory ${where} failed (${detail}).`,
      "Check the directory's certificate and the CA the module trusts (tls_options.ca_certs_file), or the URI's port (ldaps:// needs the TLS port, usually 636).",
    );
  if (tlsCode.test(code)) return tls();
  if (unreachableCodes.has(code) || timedOut)
    return new AppError(
      'ldap-unreachable',
      timedOut
        ? `The directory ${where} did not answer in time (${/^connection timeout/i.test(e.message ?? '') ? 'connecting' : context.phase}).`
        : `Cannot reach the directory ${where} (${detail}).`,
      'Check the URI in the module config, that the directory runs, and any firewall; if only the Synapse server can reach it, connect through its SSH route.',
    );
  if (context.phase === 'starttls') return tls();
  if (context.phase === 'search' && !/socket|closed/i.test(e.message ?? ''))
    return new AppError(
      'ldap-search-failed',
      `The search in the directory ${where} failed (${detail}).`,
      'Check base and filter in the module config.',
    );
  return new AppError(
    'ldap-unreachable',
    `The connection to the directory ${where} broke (${detail}).`,
    'Check that the directory runs and the network between here and it.',
  );
}
