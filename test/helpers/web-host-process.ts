import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { narrowedNodeArgs } from './narrowed-node';
import { tempFolder } from './temp-folders';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface WebHostProcess {
  /** The tokenised address it printed. */
  url: string;
  port: number;
  token: string;
  child: ChildProcess;
  /** Its data folder. */
  dataDir: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  stop(): void;
}

/**
 * `node out/main/web.js` (built by `npm run build`) with its own data folder, once it prints its address.
 * Its node:crypto is narrowed to Electron's, as in the app's main process.
 */
export async function startBuiltWebHost(): Promise<WebHostProcess> {
  const dataDir = await tempFolder('mas-web-');
  const child = spawn(process.execPath, [...narrowedNodeArgs, join(root, 'out', 'main', 'web.js')], {
    env: { ...process.env, MAS_MIGRATOR_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output);
      if (match) resolve(match[0]);
    });
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    child.on('exit', (code) => reject(new Error(`web host exited with ${code}: ${output}`)));
  });
  const address = new URL(url);
  return {
    url,
    port: Number(address.port),
    token: address.searchParams.get('token')!,
    child,
    dataDir,
    output: () => output,
    stop: () => void child.kill('SIGTERM'),
  };
}
