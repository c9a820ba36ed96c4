/**
 * How to reach a directory, as the module (matrix-synapse-ldap3) reaches
 * it: the connect layer knows nothing of Synapse's config, the engine turns
 * the module's settings into this.
 */
export interface DirectoryTarget {
  /** `ldap://` or `ldaps://` URIs, tried in order: the first that answers is used (as the module's server pool does). */
  uris: string[];
  /** Upgrade an `ldap://` connection with StartTLS before binding. */
  startTls: boolean;
  /** false: the server's certificate is not checked (the module's validate_cert: false). */
  validateCert: boolean;
  /** PEM of the CA to trust instead of the system's. */
  ca?: string;
  /** Absent: an anonymous bind. */
  bindDn?: string;
  bindPassword?: string;
  connectTimeoutMs?: number;
  /** How long one operation (the bind, one page of a search) may take. */
  operationTimeoutMs?: number;
}

export const defaultConnectTimeoutMs = 10_000;
export const defaultOperationTimeoutMs = 60_000;

/** Host and port of an LDAP URI, with the scheme's default port (389, or 636 for ldaps). */
export function uriAddress(uri: string): { secure: boolean; host: string; port: number } {
  const url = new URL(uri);
  const secure = url.protocol === 'ldaps:';
  return { secure, host: url.hostname.replace(/^\[|\]$/g, '') || 'localhost', port: url.port ? Number(url.port) : secure ? 636 : 389 };
}
