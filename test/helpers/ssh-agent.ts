import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface TestAgent {
  socket: string;
  stop(): void;
}

/** A real OpenSSH ssh-agent on a socket in `dir`, holding the given private key files. */
export async function startSshAgent(dir: string, keyFiles: string[]): Promise<TestAgent> {
  const socket = join(dir, 'agent.sock');
  const child: ChildProcess = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  for (const file of keyFiles) await promisify(execFile)('ssh-add', ['-q', file], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
  return { socket, stop: () => child.kill('SIGTERM') };
}
