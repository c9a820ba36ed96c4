import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliResult } from './cli';
import { narrowedNodeArgs } from './narrowed-node';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The built command line (`npm run build`: out/main/cli.js) in a process of
 * its own, on node:crypto narrowed to Electron's set as the installed
 * `mas-migrator` runs; `onStderr` sees standard error as it comes (to act on
 * a printed URL).
 */
export function runBuiltCli(argv: string[], onStderr: (soFar: string) => void = () => {}): Promise<CliResult> {
  const child = spawn(process.execPath, [...narrowedNodeArgs, join(root, 'out/main/cli.js'), ...argv], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
    onStderr(stderr);
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
