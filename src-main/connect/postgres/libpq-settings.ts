import type { DatabaseSettings } from '../../../src-shared/domain/profile';
import { AppError } from '../../../src-shared/errors';

/**
 * A connection as libpq is given it: its keywords, as strings, before the
 * environment, the password file and the defaults fill in what is missing
 * (see `resolveTarget`). Every way the app learns of a database — a Synapse
 * `database.args` section, a MAS `database` section, a URI, a profile's
 * override — becomes one of these, so they all connect the same way.
 */
export interface LibpqSettings {
  host?: string;
  port?: string;
  user?: string;
  password?: string;
  dbname?: string;
  sslmode?: string;
  /** Files, as libpq takes them. */
  sslrootcert?: string;
  sslcert?: string;
  sslkey?: string;
  /** PEM given inline (MAS's `ssl_ca`, `ssl_certificate`, `ssl_key`), instead of a file. */
  sslrootcertPem?: string;
  sslcertPem?: string;
  sslkeyPem?: string;
  connect_timeout?: string;
  keepalives?: string;
  keepalives_idle?: string;
  options?: string;
  application_name?: string;
  passfile?: string;
}

/** The keywords a URI or a Synapse section may carry (libpq's names). */
const keywords = new Set([
  'host',
  'port',
  'user',
  'password',
  'dbname',
  'sslmode',
  'sslrootcert',
  'sslcert',
  'sslkey',
  'connect_timeout',
  'keepalives',
  'keepalives_idle',
  'keepalives_interval',
  'keepalives_count',
  'options',
  'application_name',
  'fallback_application_name',
  'passfile',
  'target_session_attrs',
  'gssencmode',
  'sslcompression',
  'client_encoding',
]);
/** Accepted by libpq, with no effect on how this app connects. */
const ignored = new Set([
  'keepalives_interval',
  'keepalives_count',
  'fallback_application_name',
  'target_session_attrs',
  'gssencmode',
  'sslcompression',
  'client_encoding',
]);

const uriHelp = 'Write it as postgresql://user@host:5432/database (percent-encode special characters).';

function invalid(message: string, hint = uriHelp): AppError {
  return new AppError('db-settings-invalid', message, hint);
}

function decode(text: string, what: string, where: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw invalid(`The ${what} of the database URI ${where} is not validly percent-encoded.`);
  }
}

function assign(settings: LibpqSettings, key: string, value: string, where: string): void {
  const name = key === 'database' ? 'dbname' : key;
  if (!keywords.has(name)) {
    throw invalid(
      `The database URI ${where} has the parameter "${key}", which libpq does not know.`,
      'Remove it, or spell it as libpq does.',
    );
  }
  if (!ignored.has(name)) (settings as Record<string, string>)[name] = value;
}

/**
 * A libpq connection URI (`postgresql://user:pw@host:port/db?param=value`):
 * the host may be an IPv6 address in brackets or a percent-encoded socket
 * folder, and query parameters are libpq keywords. `where` names the URI in
 * messages (never with its password).
 */
export function settingsFromUri(uri: string, where: string): LibpqSettings {
  const match = /^(postgres(?:ql)?):\/\/(?:([^@/?#]*)@)?([^/?#]*)(?:\/([^?#]*))?(?:\?([^#]*))?$/.exec(uri.trim());
  if (!match) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1];
    throw invalid(
      scheme && !/^postgres(ql)?$/i.test(scheme)
        ? `The database URI ${where} must start with postgresql:// (it starts with ${scheme}://).`
        : `The database URI ${where} is not a valid postgresql:// URI.`,
    );
  }
  const [, , userinfo, hostspec = '', path, query] = match;
  const settings: LibpqSettings = {};
  if (userinfo) {
    const colon = userinfo.indexOf(':');
    const user = colon < 0 ? userinfo : userinfo.slice(0, colon);
    if (user) settings.user = decode(user, 'user', where);
    if (colon >= 0) settings.password = decode(userinfo.slice(colon + 1), 'password', where);
  }
  if (hostspec.includes(',')) {
    throw invalid(`The database URI ${where} names several hosts; this app connects to one.`, 'Give the primary server only.');
  }
  const hostPort = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(hostspec)!;
  const host = hostPort[1]!.replace(/^\[(.*)\]$/, '$1');
  if (host) settings.host = decode(host, 'host', where);
  if (hostPort[2] !== undefined) {
    if (!/^\d{1,5}$/.test(hostPort[2])) throw invalid(`The port "${hostPort[2]}" of the database URI ${where} is not a number.`);
    settings.port = hostPort[2];
  }
  if (path) settings.dbname = decode(path, 'database name', where);
  for (const pair of query ? query.split('&') : []) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    if (eq < 0) throw invalid(`The parameter "${pair}" of the database URI ${where} has no value.`);
    assign(settings, decode(pair.slice(0, eq), 'parameter name', where), decode(pair.slice(eq + 1), 'parameter value', where), where);
  }
  return settings;
}

/**
 * Synapse's `database.args` (psycopg2 hands them to libpq as they are;
 * `database` is psycopg2's synonym of `dbname`). Synapse's own keys
 * (`cp_min`, `cp_max`) and keys libpq does not know are not connection settings.
 */
export function settingsFromSynapseArgs(args: Record<string, unknown>): LibpqSettings {
  const settings: LibpqSettings = {};
  for (const [key, value] of Object.entries(args)) {
    const name = key === 'database' ? 'dbname' : key;
    if (value === null || value === undefined || !keywords.has(name) || ignored.has(name)) continue;
    (settings as Record<string, string>)[name] = String(value);
  }
  return settings;
}

/** MAS's `database` section (SPEC §1.3), as `mas-cli` reads it. */
export interface MasDatabaseSection {
  uri?: string | null;
  host?: string | null;
  port?: number | null;
  socket?: string | null;
  username?: string | null;
  password?: string | null;
  database?: string | null;
  ssl_mode?: string | null;
  ssl_ca?: string | null;
  ssl_ca_file?: string | null;
  ssl_certificate?: string | null;
  ssl_certificate_file?: string | null;
  ssl_key?: string | null;
  ssl_key_file?: string | null;
  connect_timeout?: number | null;
}

/**
 * A MAS `database` section: a URI, or fields (`socket` is the socket
 * folder; `ssl_ca`, `ssl_certificate`, `ssl_key` are PEM, their `_file`
 * forms paths). `passwordFromFile` is the content of `password_file` when it
 * could be read. `where` names the section for errors.
 */
export function settingsFromMasSection(db: MasDatabaseSection, where: string, passwordFromFile?: string): LibpqSettings {
  const fields = (['host', 'port', 'socket', 'username', 'password', 'database'] as const).filter((k) => db[k] != null);
  const base: LibpqSettings = {};
  if (db.uri != null) {
    if (fields.length > 0) {
      throw new AppError(
        'mas-db-both',
        `${where}: a database URI cannot be combined with database.${fields.join(', database.')}.`,
        'Use either database.uri or the separate fields, not both.',
      );
    }
    Object.assign(base, settingsFromUri(db.uri, where));
  }
  const given: [keyof LibpqSettings, unknown][] = [
    ['host', db.socket ?? db.host],
    ['port', db.port],
    ['user', db.username],
    ['password', db.password ?? passwordFromFile],
    ['dbname', db.database],
    ['sslmode', db.ssl_mode],
    ['sslrootcertPem', db.ssl_ca],
    ['sslrootcert', db.ssl_ca_file],
    ['sslcertPem', db.ssl_certificate],
    ['sslcert', db.ssl_certificate_file],
    ['sslkeyPem', db.ssl_key],
    ['sslkey', db.ssl_key_file],
    ['connect_timeout', db.connect_timeout],
  ];
  for (const [key, value] of given) if (value !== null && value !== undefined) base[key] = String(value);
  return base;
}

/**
 * A profile's database settings (SPEC DESIGN "one way to a database"): the
 * config's settings (`fromConfig`), fields or a URI given in the profile; the
 * profile's TLS choice and stored password win over what they say.
 */
export function settingsFromProfile(
  settings: DatabaseSettings,
  password: string | undefined,
  fromConfig: LibpqSettings | undefined,
  where: string,
): LibpqSettings {
  let base: LibpqSettings;
  if (settings.source === 'config') {
    if (!fromConfig) {
      throw new AppError(
        'db-settings-invalid',
        `The profile takes the ${where} database from its config file, but no database settings were read from it.`,
        'Name the config file, or give the database connection in the profile.',
      );
    }
    base = fromConfig;
  } else if (settings.source === 'fields') {
    base = { host: settings.host, port: String(settings.port), dbname: settings.database, user: settings.user };
  } else {
    base = settingsFromUri(settings.uri, `of the profile's ${where} side`);
  }
  const tls = settings.tls;
  return {
    ...base,
    ...(password ? { password } : {}),
    ...(tls
      ? {
          sslmode: tls.mode,
          ...(tls.caFile ? { sslrootcert: tls.caFile, sslrootcertPem: undefined } : {}),
          ...(tls.certFile ? { sslcert: tls.certFile, sslcertPem: undefined } : {}),
          ...(tls.keyFile ? { sslkey: tls.keyFile, sslkeyPem: undefined } : {}),
        }
      : {}),
  };
}
