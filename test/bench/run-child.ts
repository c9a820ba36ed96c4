import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildResult, ChildStart } from './child-protocol';

export type MigrationRun = Extract<ChildResult, { ok: true }> & {
  /** PostgreSQL server CPU time during the run (ms), when measurable. */
  serverCpuMs?: number;
};

/**
 * Runs one migration in a child process (optionally under `node --cpu-prof`)
 * and returns what it measured, with the server's CPU time over the run.
 */
export async function migrateInChild(
  start: ChildStart,
  options: { profileDir?: string; serverCpuMs?: () => number } = {},
): Promise<MigrationRun> {
  const { profileDir, serverCpuMs } = options;
  const cpu0 = serverCpuMs?.();
  const execArgv = ['--import', 'tsx', ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])];
  const child = fork(fileURLToPath(new URL('./migrate-child.ts', import.meta.url)), [], { execArgv, stdio: 'inherit' });
  const result = await new Promise<ChildResult>((resolve, reject) => {
    child.once('message', (message) => resolve(message as ChildResult));
    child.once('exit', (code) => reject(new Error(`The migrating process exited (code ${code}) without a result.`)));
    child.send(start);
  });
  await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
  if (!result.ok) throw new Error(`The migration failed: ${result.message}`);
  return cpu0 === undefined ? result : { ...result, serverCpuMs: serverCpuMs!() - cpu0 };
}
