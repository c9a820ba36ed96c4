import { existsSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { TlsMode } from '../../../src-shared/domain/profile';
import { AppError } from '../../../src-shared/errors';
import type { LibpqSettings } from './libpq-settings';
import { lookupPassfile } from './pgpass';

/** A PEM source: a file (read when connecting), or text given inline. */
export type PemSource = { file: string } | { pem: string; key: string };

/** libpq's sslmodes; `allow` tries without TLS first. */
export type SslMode = TlsMode | 'allow';

export interface TargetTls {
  mode: SslMode;
  /** The CA to verify the server with (verify-ca, verify-full); the system's CAs when absent. */
  rootCert?: PemSource;
  /** A client certificate and its key, for servers that ask for one. */
  cert?: PemSource;
  key?: PemSource;
}

/** A database to connect to, resolved as libpq would, as the machine that opens the connection sees it (this one, or the SSH server). */
export interface DatabaseTarget {
  /** Host name or IP, or a Unix socket folder (starts with `/`). */
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  tls: TargetTls;
  connectTimeoutSeconds: number;
  keepalives: boolean;
  keepalivesIdleSeconds?: number;
  /** Server options (`-c name=value …`), as libpq's `options`. */
  options?: string;
  /** Why no password came from the password file, when none was given (for the login-failure hint). */
  passfileNote?: string;
}

/** libpq's compiled-in socket folder on Debian and Ubuntu, where Synapse and MAS usually run. */
const defaultSocketDir = '/var/run/postgresql';
/** libpq waits forever without connect_timeout; an app must not hang, so this is the default here. */
export const defaultConnectTimeoutSeconds = 20;

export function isSocketHost(host: string): boolean {
  return host.startsWith('/');
}

/** `user@host:port/db` without any secret, for messages. */
export function describeTarget(target: Pick<DatabaseTarget, 'user' | 'host' | 'port' | 'database'>): string {
  return `${target.user}@${target.host}:${target.port}/${target.database}`;
}

export interface ResolveContext {
  /** The environment libpq would read (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE, PGPASSFILE, …). */
  env: NodeJS.ProcessEnv;
  /** Names the settings in messages: "the database section of homeserver.yaml". */
  where: string;
}

function integer(value: string | undefined, key: string, where: string, range: [number, number]): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < range[0] || n > range[1]) {
    throw new AppError(
      'db-settings-invalid',
      `${key} "${value}" in ${where} is not a whole number from ${range[0]} to ${range[1]}.`,
      `Fix ${key}.`,
    );
  }
  return n;
}

function sslModeOf(value: string, where: string): SslMode {
  if (value === 'allow') return 'allow';
  const parsed = TlsMode.safeParse(value);
  if (!parsed.success) {
    throw new AppError(
      'db-settings-invalid',
      `The sslmode "${value}" in ${where} is not one of allow, ${TlsMode.options.join(', ')}.`,
      'Fix the sslmode (ssl_mode in a MAS config).',
    );
  }
  return parsed.data;
}

/** A file libpq uses from ~/.postgresql when it exists and nothing else is named. */
function defaultPem(env: NodeJS.ProcessEnv, name: string): PemSource | undefined {
  const file = join(env.HOME ?? homedir(), '.postgresql', name);
  return existsSync(file) ? { file } : undefined;
}

function pem(file: string | undefined, inline: string | undefined, key: string): PemSource | undefined {
  if (inline) return { pem: inline, key };
  return file ? { file } : undefined;
}

function tlsOf(s: LibpqSettings, env: NodeJS.ProcessEnv, where: string): TargetTls {
  let mode = sslModeOf(s.sslmode ?? env.PGSSLMODE ?? 'prefer', where);
  const rootCert = pem(s.sslrootcert ?? env.PGSSLROOTCERT, s.sslrootcertPem, 'ssl_ca') ?? defaultPem(env, 'root.crt');
  // libpq: "if a root CA file exists, the behavior of sslmode=require will be the same as that of verify-ca".
  if (mode === 'require' && rootCert) mode = 'verify-ca';
  const cert = pem(s.sslcert ?? env.PGSSLCERT, s.sslcertPem, 'ssl_certificate') ?? defaultPem(env, 'postgresql.crt');
  const key = pem(s.sslkey ?? env.PGSSLKEY, s.sslkeyPem, 'ssl_key') ?? (cert ? defaultPem(env, 'postgresql.key') : undefined);
  return { mode, ...(rootCert ? { rootCert } : {}), ...(cert && key ? { cert, key } : {}) };
}

/**
 * libpq's rules (SPEC §1.1, §1.3): what the settings leave out comes from
 * the PG* environment, then the defaults (the local Unix socket, port 5432,
 * the OS user, a database named after the user, sslmode `prefer`); a missing
 * password comes from the password file (PGPASSFILE, else ~/.pgpass).
 */
export async function resolveTarget(settings: LibpqSettings, { env, where }: ResolveContext): Promise<DatabaseTarget> {
  const host = settings.host || env.PGHOST || defaultSocketDir;
  const port = integer(settings.port ?? env.PGPORT, 'port', where, [1, 65535]) ?? 5432;
  const user = settings.user || env.PGUSER || userInfo().username;
  const database = settings.dbname || env.PGDATABASE || user;
  const timeout = integer(settings.connect_timeout ?? env.PGCONNECT_TIMEOUT, 'connect_timeout', where, [0, 86_400]);
  const idle = integer(settings.keepalives_idle, 'keepalives_idle', where, [0, 86_400]);
  const options = settings.options ?? env.PGOPTIONS;
  const target: DatabaseTarget = {
    host,
    port,
    database,
    user,
    tls: tlsOf(settings, env, where),
    // libpq: 0 waits forever and values below 2 count as 2; waiting forever is refused here.
    connectTimeoutSeconds: timeout ? Math.max(timeout, 2) : defaultConnectTimeoutSeconds,
    keepalives: settings.keepalives !== '0',
    ...(idle !== undefined ? { keepalivesIdleSeconds: idle } : {}),
    ...(options ? { options } : {}),
  };
  const password = settings.password ?? env.PGPASSWORD;
  if (password !== undefined && password !== '') return { ...target, password };
  const passfile = settings.passfile ?? env.PGPASSFILE ?? join(env.HOME ?? homedir(), '.pgpass');
  const found = await lookupPassfile(passfile, target);
  if (found.found) return { ...target, password: found.password };
  return found.reason === 'insecure'
    ? { ...target, passfileNote: `The password file ${passfile} was ignored: others may read it (chmod 0600 it, as libpq requires).` }
    : target;
}
