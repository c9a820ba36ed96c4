import type { DatabaseSettings, DatabaseTls, TlsMode } from '../../../src-shared/domain/profile';
import { TlsMode as TlsModeSchema } from '../../../src-shared/domain/profile';
import { AppError } from '../../../src-shared/errors';

/** A database to connect to, as the machine that opens the connection sees it (this one, or the SSH server). */
export interface DatabaseTarget {
  /** Host name or IP, or a Unix socket folder (starts with `/`). */
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  tls: DatabaseTls;
}

/** libpq's default: try TLS, fall back to plain. */
export const defaultTls: DatabaseTls = { mode: 'prefer' };

export function isSocketHost(host: string): boolean {
  return host.startsWith('/');
}

/** `user@host:port/db` without any secret, for messages. */
export function describeDatabase(target: DatabaseTarget): string {
  return `${target.user}@${target.host}:${target.port}/${target.database}`;
}

function tlsMode(value: string, uri: string): TlsMode {
  const parsed = TlsModeSchema.safeParse(value === 'allow' ? 'prefer' : value);
  if (!parsed.success)
    throw new AppError(
      'database-uri-invalid',
      `The sslmode "${value}" of the database URI ${uri} is not one of ${TlsModeSchema.options.join(', ')}.`,
      'Fix the sslmode parameter.',
    );
  return parsed.data;
}

/**
 * Parses a libpq URI (`postgresql://user:pw@host:port/db?sslmode=…`), with a
 * socket folder as percent-encoded host or `?host=/path`. The password, if
 * any, is returned but never put in messages.
 */
export function parseLibpqUri(uri: string): Partial<DatabaseTarget> & { tlsMode?: TlsMode; caFile?: string } {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new AppError(
      'database-uri-invalid',
      'The database URI is not a valid postgresql:// URI.',
      'Write it as postgresql://user@host:5432/database.',
    );
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new AppError(
      'database-uri-invalid',
      `The database URI must start with postgresql:// (it starts with ${url.protocol}//).`,
      'Write it as postgresql://user@host:5432/database.',
    );
  }
  const params = url.searchParams;
  const safe = `${url.protocol}//${url.host}${url.pathname}`;
  const result: ReturnType<typeof parseLibpqUri> = {};
  const host = params.get('host') ?? decodeURIComponent(url.hostname);
  if (host) result.host = host;
  const port = params.get('port') ?? url.port;
  if (port) result.port = Number(port);
  const database = params.get('dbname') ?? decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (database) result.database = database;
  const user = params.get('user') ?? decodeURIComponent(url.username);
  if (user) result.user = user;
  const password = params.get('password') ?? decodeURIComponent(url.password);
  if (password) result.password = password;
  const sslmode = params.get('sslmode');
  if (sslmode) result.tlsMode = tlsMode(sslmode, safe);
  const caFile = params.get('sslrootcert');
  if (caFile) result.caFile = caFile;
  return result;
}

/**
 * The target of a profile side's database settings. `fromConfig` is what the
 * side's config file says (the engine reads it); overrides replace it.
 */
export function targetFromSettings(settings: DatabaseSettings, password: string | undefined, fromConfig?: DatabaseTarget): DatabaseTarget {
  if (settings.source === 'config') {
    if (!fromConfig)
      throw new AppError(
        'database-settings-missing',
        'The profile takes the database from the config file, but no database settings were read from it.',
        'Load the config file first, or give the database connection in the profile.',
      );
    return { ...fromConfig, ...(password ? { password } : {}), tls: settings.tls ?? fromConfig.tls };
  }
  if (settings.source === 'fields') {
    return {
      host: settings.host,
      port: settings.port,
      database: settings.database,
      user: settings.user,
      password,
      tls: settings.tls ?? defaultTls,
    };
  }
  const parsed = parseLibpqUri(settings.uri);
  if (!parsed.user || !parsed.database) {
    throw new AppError(
      'database-uri-invalid',
      `The database URI ${settings.uri} must name the user and the database.`,
      'Write it as postgresql://user@host:5432/database.',
    );
  }
  const uriTls: DatabaseTls | undefined = parsed.tlsMode
    ? { mode: parsed.tlsMode, ...(parsed.caFile ? { caFile: parsed.caFile } : {}) }
    : undefined;
  return {
    host: parsed.host ?? 'localhost',
    port: parsed.port ?? 5432,
    database: parsed.database,
    user: parsed.user,
    password: password ?? parsed.password,
    tls: settings.tls ?? uriTls ?? defaultTls,
  };
}
