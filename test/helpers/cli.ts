import { Readable } from 'node:stream';
import { runCli } from '../../src-main/hosts/cli/run';
import type { SecretInput } from '../../src-main/hosts/cli/secret-input';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** The environment the command sees (default: this process's). */
  env?: NodeJS.ProcessEnv;
  interrupts?: () => AbortSignal;
  /** Text on standard input (a password, a token), as a pipe gives it. */
  stdin?: string;
  /** Sees each write to standard error as it happens (to react to progress). */
  onStderr?: (text: string) => void;
}

/** Runs the command line in-process, as `mas-migrator <argv>` would, and captures what it prints. */
export async function runCliCaptured(argv: string[], options: CliRunOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: {
      write: (t: string) => {
        stderr += t;
        options.onStderr?.(t);
      },
    },
    env: options.env ?? process.env,
    ...(options.interrupts ? { interrupts: options.interrupts } : {}),
    ...(options.stdin !== undefined ? { stdin: Readable.from([options.stdin]) as unknown as SecretInput } : {}),
  });
  return { code, stdout, stderr };
}

/** `runCliCaptured` with the arguments spread, for short calls. */
export const cli = (...argv: string[]) => runCliCaptured(argv);
