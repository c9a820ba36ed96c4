import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import { AppError } from '../../../src-shared/errors';
import type { ForwardTarget, SshSession } from '../ssh/ssh-session';
import { describeConnectionError } from './connection-errors';
import { type DatabaseTarget, describeTarget, isSocketHost } from './database-target';
import { tlsConnectionOptions } from './tls-options';

/**
 * How to open connections to one database: directly, or through a side's
 * SSH tunnel. The engine sees it only as something that connects.
 */
export interface DatabaseRoute {
  /** `user@host:port/db via SSH …`, without secrets, for messages. */
  readonly description: string;
  /** The TLS in use once `prefer`/`allow` is settled: false, or the node-postgres `ssl` options. */
  readonly ssl: false | ConnectionOptions;
  /** Connects one client, named `applicationName` in pg_stat_activity (its 'error' events are absorbed: the running query fails instead). */
  connect(applicationName?: string): Promise<pg.Client>;
}

export interface DatabaseRouteOptions {
  target: DatabaseTarget;
  /** The side's SSH session; the database address is then as the SSH server sees it. */
  ssh?: SshSession;
}

function forwardTargetOf(target: DatabaseTarget): ForwardTarget {
  return isSocketHost(target.host)
    ? { socketPath: `${target.host.replace(/\/$/, '')}/.s.PGSQL.${target.port}` }
    : { host: target.host, port: target.port };
}

/**
 * Prepares connections to one database as libpq would make them. With
 * `prefer`, one probe settles whether TLS is used (plain when the server
 * offers none); with `allow`, plain is tried first and TLS only when the
 * server asks for it. PostgreSQL does not use TLS on Unix sockets (as libpq,
 * the mode is then ignored).
 */
export async function openDatabaseRoute({ target, ssh }: DatabaseRouteOptions): Promise<DatabaseRoute> {
  const description = ssh ? `${describeTarget(target)} via SSH ${ssh.description}` : describeTarget(target);
  const socket = isSocketHost(target.host);
  const encrypted = socket || target.tls.mode === 'disable' ? false : await tlsConnectionOptions(target.tls);
  let ssl: false | ConnectionOptions = target.tls.mode === 'allow' ? false : encrypted;

  const config = (applicationName: string): pg.ClientConfig => ({
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.user,
    password: target.password ?? '',
    ssl,
    application_name: applicationName,
    ...(target.options ? { options: target.options } : {}),
    // A server that never answers must fail the connection, not hang it; TCP keepalives catch dead peers of long runs.
    connectionTimeoutMillis: target.connectTimeoutSeconds * 1000,
    keepAlive: target.keepalives,
    keepAliveInitialDelayMillis: (target.keepalivesIdleSeconds ?? 10) * 1000,
    ...(ssh ? { stream: () => ssh.socketTo(forwardTargetOf(target)) } : {}),
  });
  const connect = async (applicationName = 'mas-migrator'): Promise<pg.Client> => {
    const client = new pg.Client(config(applicationName));
    // After a failure pg also emits 'error'; the running query already rejects with it.
    client.on('error', () => {});
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => {});
      throw describeConnectionError(error, description, target.passfileNote);
    }
  };

  if (!socket && (target.tls.mode === 'prefer' || target.tls.mode === 'allow')) {
    try {
      await (await connect()).end();
    } catch (error) {
      const fallBack =
        target.tls.mode === 'prefer'
          ? error instanceof AppError && error.code === 'db-tls-refused' && ssl !== false
          : error instanceof AppError && error.code === 'db-tls-refused';
      if (!fallBack) throw error;
      ssl = target.tls.mode === 'prefer' ? false : encrypted;
    }
  }

  return {
    description,
    get ssl() {
      return ssl;
    },
    connect,
  };
}
