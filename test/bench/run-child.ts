import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildResult, ChildStart, VerifyResult, VerifyStart } from './child-protocol';

export type MigrationRun = Extract<ChildResult, { ok: true }>;
export type VerifyRun = Extract<VerifyResult, { ok: true }>;

/** Runs one child script (optionally under `node --cpu-prof`) and returns the one message it sends. */
async function inChild<R extends { ok: boolean }>(script: string, start: unknown, profileDir?: string): Promise<R> {
  const execArgv = ['--import', 'tsx', ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])];
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), [], { execArgv, stdio: 'inherit' });
  const result = await new Promise<R>((resolve, reject) => {
    child.once('message', (message) => resolve(message as R));
    child.once('exit', (code) => reject(new Error(`The ${script} process exited (code ${code}) without a result.`)));
    child.send(start as object);
  });
  await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
  return result;
}

/** Runs one migration in a child process and returns what it measured. */
export async function migrateInChild(start: ChildStart, profileDir?: string): Promise<MigrationRun> {
  const result = await inChild<ChildResult>('./migrate-child.ts', start, profileDir);
  if (!result.ok) throw new Error(`The migration failed: ${result.message}`);
  return result;
}

/** Runs `syn2mas verify`'s use case in a child process; a verification that does not find a match fails the bench. */
export async function verifyInChild(start: VerifyStart, profileDir?: string): Promise<VerifyRun> {
  const result = await inChild<VerifyResult>('./verify-child.ts', start, profileDir);
  if (!result.ok) throw new Error(`The verification failed: ${result.message}`);
  return result;
}
