import { z } from 'zod';

/** A database could not be opened (SPEC §2: then a check cannot run, and never passes). */
const databaseOpenCodes = [
  'db-settings-invalid',
  'db-unreachable',
  'db-auth-failed',
  'db-missing',
  'db-tls-refused',
  'db-certificate-mismatch',
  'db-tls-file-unreadable',
  'db-connection-failed',
] as const;

/**
 * Every error code that crosses a host boundary (IPC replies, CLI messages),
 * by area. Scripts and the UI's wording rely on them: add, never rename.
 */
export const errorCodes = [
  // IPC and hosts
  'internal',
  'invalid-input',
  'unknown-channel',
  'cancelled',
  /** The renderer lost its connection to the host (web host only: the socket closed). */
  'host-disconnected',
  'usage',
  // files and configs
  'file-missing',
  'file-denied',
  'file-exists',
  'file-failed',
  'file-too-large',
  'file-is-directory',
  'sftp-unavailable',
  'config-missing',
  'config-invalid',
  'config-unreadable',
  'config-yaml',
  'config-not-map',
  'config-not-mas',
  'config-not-synapse',
  'secret-unreadable',
  'synapse-db-sqlite',
  'synapse-db-driver',
  'synapse-db-args',
  'mas-db-missing',
  'mas-db-both',
  'mas-config-missing',
  'mas-config-path-missing',
  'mas-encryption-key',
  /** This runtime's crypto lacks or failed an algorithm MAS needs (signing keys, secret encryption). */
  'crypto-failed',
  'mas-endpoint-missing',
  'mas-secret-missing',
  'invalid-ulid',
  'draft-unknown',
  'dex-unsaved',
  'edit-invalid',
  'edit-secret',
  // databases: one set, the same in every host (the connect layer's)
  ...databaseOpenCodes,
  /** A connection broke while a run was using it. */
  'db-connection-lost',
  // the migration
  'checks-failed',
  'migration-running',
  'migration-interrupted',
  'rebuild-failed',
  'synapse-running',
  /** PostgreSQL's own maintenance (an autovacuum that does not give way) holds a Synapse table. */
  'synapse-table-busy',
  // proving the migration (SPEC §10)
  'verify-order',
  'verify-failed',
  'mas-paused',
  'no-such-user',
  'no-usable-scheme',
  // proving an upstream login (SPEC §12)
  'login-timed-out',
  'login-provider-error',
  'login-bad-signature',
  'saml-metadata',
  // SSH
  'ssh-agent-unreachable',
  'ssh-auth-failed',
  'ssh-closed',
  'ssh-config-invalid',
  'ssh-failed',
  'ssh-forward-failed',
  'ssh-host-key-changed',
  'ssh-host-key-revoked',
  'ssh-host-key-unknown',
  'ssh-key-missing',
  'ssh-key-passphrase-required',
  'ssh-key-unreadable',
  'ssh-key-unsupported',
  'ssh-key-wrong-passphrase',
  'ssh-route-missing',
  'ssh-tunnel-dropped',
  'ssh-unreachable',
  'host-key-not-presented',
  // the directory (LDAP, SPEC §11): named with the URI, never the bind password
  'ldap-unreachable',
  'ldap-bind-failed',
  'ldap-tls',
  'ldap-search-failed',
  // profiles and secrets
  'profile-not-found',
  'profile-corrupt',
  'profile-name-taken',
  'secret-required',
  'vault-locked',
  'vault-corrupt',
  'vault-passphrase-too-short',
  'vault-wrong-passphrase',
  'passphrase-required',
  /** A profile's secrets are sealed by the app's OS keyring (safeStorage), which the command line does not have. */
  'profile-needs-keyring',
  'passphrase-file-unreadable',
  'export-passphrase-too-short',
  'import-not-an-export',
  'import-wrong-passphrase',
  // the sample-data sandbox
  /** The bundled PostgreSQL cannot run here (no binaries for this platform, or they cannot be started). */
  'sandbox-postgres-unavailable',
  /** Debian's OpenLDAP server (slapd, ldap-utils) is not installed or does not start: the sandbox has no directory. */
  'sandbox-slapd-unavailable',
] as const;
export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The codes of a database that could not be opened. */
export const databaseOpenFailures: ReadonlySet<ErrorCode> = new Set<ErrorCode>(databaseOpenCodes);

/** The codes of a directory (LDAP, SPEC §11) that could not be read: unreachable, refused the bind, bad TLS, a bind password file unreadable. */
export const directoryReadFailures: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'ldap-unreachable',
  'ldap-bind-failed',
  'ldap-tls',
  'ldap-search-failed',
  'secret-unreadable',
]);

/** The shape in which every failure crosses the IPC boundary. */
export const ErrorReply = z.object({
  code: ErrorCode,
  message: z.string(),
  hint: z.string().optional(),
});
export type ErrorReply = z.infer<typeof ErrorReply>;

/**
 * An expected failure: something the admin can act on. Its message names the
 * file, key, row or host involved; its hint says what to do. Never carries a secret.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.hint = hint;
  }
  toReply(): ErrorReply {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }
}
