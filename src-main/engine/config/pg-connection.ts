/**
 * PostgreSQL connection parameters read from a config, in the shape `pg`
 * takes (`host` may be a Unix-socket directory). Either a libpq URI or fields.
 */
export interface PgConnectionParams {
  connectionString?: string;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  /** libpq sslmode, when the config gives one. */
  sslmode?: string;
  /** PEM file of the CA to verify the server with (libpq sslrootcert / MAS ssl_ca_file). */
  caFile?: string;
  /** A password or other secret kept in a file on the server (value unknown here). */
  passwordFile?: string;
}

/** Drops undefined fields so callers can spread the result over defaults. */
export function definedOnly(params: { [K in keyof PgConnectionParams]: PgConnectionParams[K] | null | undefined }): PgConnectionParams {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== null)) as PgConnectionParams;
}
