import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildResult, ChildStart } from './child-protocol';

export type MigrationRun = Extract<ChildResult, { ok: true }>;

/** Runs one migration in a child process (optionally under `node --cpu-prof`) and returns what it measured. */
export async function migrateInChild(start: ChildStart, profileDir?: string): Promise<MigrationRun> {
  const execArgv = ['--import', 'tsx', ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])];
  const child = fork(fileURLToPath(new URL('./migrate-child.ts', import.meta.url)), [], { execArgv, stdio: 'inherit' });
  const result = await new Promise<ChildResult>((resolve, reject) => {
    child.once('message', (message) => resolve(message as ChildResult));
    child.once('exit', (code) => reject(new Error(`The migrating process exited (code ${code}) without a result.`)));
    child.send(start);
  });
  await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
  if (!result.ok) throw new Error(`The migration failed: ${result.message}`);
  return result;
}
