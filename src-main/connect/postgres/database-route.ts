import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import { AppError } from '../../../src-shared/errors';
import type { ForwardTarget, SshSession } from '../ssh/ssh-session';
import { type DatabaseTarget, describeDatabase, isSocketHost } from './database-target';
import { sslOptions } from './tls-options';

/** How to open connections to one database: directly, or through a side's SSH tunnel. */
export interface DatabaseRoute {
  /** `user@host:port/db via ssh …`, without secrets, for messages. */
  readonly description: string;
  /** The TLS in use once `prefer` is resolved: false, or the node-postgres `ssl` options. */
  readonly ssl: false | ConnectionOptions;
  /**
   * A fresh pg config for one connection; through the tunnel its `stream`
   * opens a new SSH channel. Callers that connect it themselves must listen
   * for the client's 'error' event.
   */
  clientConfig(): pg.ClientConfig;
  /** Connects one client (its 'error' events are absorbed: the running query fails instead). */
  connect(): Promise<pg.Client>;
}

export interface DatabaseRouteOptions {
  target: DatabaseTarget;
  /** The side's SSH session; the database address is then as the SSH server sees it. */
  ssh?: SshSession;
  applicationName?: string;
  /** How long opening one connection may take (default 20 s). */
  connectTimeoutMs?: number;
}

const unreachableCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOENT']);
const tlsVerifyCodes = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'CERT_SIGNATURE_FAILURE',
]);

/** Turns a pg connection failure into an error that names the database and says what to do. */
export function describeConnectionError(error: unknown, where: string): AppError {
  if (error instanceof AppError) return error;
  const e = error as Error & { code?: string };
  const code = e.code ?? '';
  if (code === '28P01')
    return new AppError('db-auth-failed', `PostgreSQL ${where} refused the password.`, 'Check the database user and password.');
  if (code === '28000')
    return new AppError(
      'db-auth-rejected',
      `PostgreSQL ${where} does not let this user in: ${e.message}.`,
      'Allow the connection in pg_hba.conf, or use another user.',
    );
  if (code === '3D000') return new AppError('db-missing', `PostgreSQL ${where}: ${e.message}.`, 'Check the database name.');
  if (/timeout expired|Connection terminated due to connection timeout/i.test(e.message)) {
    return new AppError(
      'db-unreachable',
      `PostgreSQL ${where} did not answer in time.`,
      'Check the host and port, that PostgreSQL runs and listens there, and any firewall.',
    );
  }
  if (unreachableCodes.has(code))
    return new AppError(
      'db-unreachable',
      `Cannot reach PostgreSQL ${where} (${code}).`,
      'Check the host and port, that PostgreSQL runs and listens there, and any firewall.',
    );
  if (tlsVerifyCodes.has(code)) {
    return new AppError(
      'db-tls-unverified',
      `The TLS certificate of PostgreSQL ${where} could not be verified (${code}: ${e.message}).`,
      'Set the CA file to the certificate of the CA that signed the server\'s, use the host name the certificate names (verify-full), or, accepting the risk, choose the non-verifying mode "require".',
    );
  }
  if (/does not support SSL/i.test(e.message)) {
    return new AppError(
      'db-tls-unsupported',
      `PostgreSQL ${where} does not offer TLS, but the profile requires it.`,
      'Enable ssl on the server, or choose TLS mode "prefer" or "disable".',
    );
  }
  return new AppError(
    'db-connection-failed',
    `The connection to PostgreSQL ${where} failed: ${e.message}.`,
    'Check the database settings of the profile.',
  );
}

function forwardTargetOf(target: DatabaseTarget): ForwardTarget {
  return isSocketHost(target.host)
    ? { socketPath: `${target.host.replace(/\/$/, '')}/.s.PGSQL.${target.port}` }
    : { host: target.host, port: target.port };
}

async function connectWith(config: pg.ClientConfig, where: string): Promise<pg.Client> {
  const client = new pg.Client(config);
  // After a failure pg also emits 'error'; the running query already rejects with it.
  client.on('error', () => {});
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    throw describeConnectionError(error, where);
  }
}

/**
 * Prepares connections to one database. With `prefer`, one probe connection
 * settles whether TLS is used; PostgreSQL does not use TLS on Unix sockets
 * (as libpq, the mode is then ignored).
 */
export async function openDatabaseRoute(options: DatabaseRouteOptions): Promise<DatabaseRoute> {
  const { target, ssh } = options;
  const description = ssh ? `${describeDatabase(target)} via SSH ${ssh.description}` : describeDatabase(target);
  const socket = isSocketHost(target.host);
  let ssl = socket ? false : await sslOptions(target.tls);

  const clientConfig = (): pg.ClientConfig => ({
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.user,
    password: target.password ?? '',
    ssl,
    application_name: options.applicationName ?? 'mas-migrator',
    // A server that never answers must fail the connection, not hang it; TCP keepalives catch dead peers of long runs.
    connectionTimeoutMillis: options.connectTimeoutMs ?? 20_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(ssh ? { stream: () => ssh.socketTo(forwardTargetOf(target)) } : {}),
  });

  if (!socket && target.tls.mode === 'prefer') {
    try {
      await (await connectWith(clientConfig(), description)).end();
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'db-tls-unsupported')) throw error;
      ssl = false;
    }
  }

  return {
    description,
    get ssl() {
      return ssl;
    },
    clientConfig,
    connect: () => connectWith(clientConfig(), description),
  };
}
