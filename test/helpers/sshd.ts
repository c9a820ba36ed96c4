import { execFile, spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sha256Fingerprint } from '../../src-main/connect/ssh/fingerprint';
import { freePort } from '../../src-main/connect/free-port';
import { waitForPort } from '../../src-main/connect/wait-for-port';
import { tempFolder } from './temp-folders';

export const sshdPath = '/usr/sbin/sshd';

export interface TestSshd {
  host: '127.0.0.1';
  port: number;
  /** The OS user that logs in (the current one; root on CI). */
  user: string;
  /** Private key file (OpenSSH format) that sshd accepts for `user`. */
  userKeyFile: string;
  /** `ssh-ed25519 AAAA…` of the host key, as a known_hosts line carries it. */
  hostKeyLine: string;
  hostKeyFingerprint: string;
  dir: string;
  /** SIGKILLs the per-connection sshd processes: established tunnels drop at once. */
  killConnections(): Promise<void>;
  /** SIGSTOPs them: the connections go silent, as on a dead network. */
  freezeConnections(): Promise<void>;
  stop(): Promise<void>;
}

/** Process ids of every descendant of `pid`, read from /proc. */
async function descendants(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)]);
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    for (const child of parents.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * A real OpenSSH sshd on 127.0.0.1 with a throwaway host key, a throwaway
 * user key in its own authorized_keys, TCP and stream-local forwarding and
 * internal SFTP. As root it needs /run/sshd and `StrictModes no`.
 */
export async function startSshd(): Promise<TestSshd> {
  const dir = await tempFolder('mas-migrator-sshd-');
  const port = await freePort();
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 }).catch(() => {});
  await promisify(execFile)('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_ed25519')]);
  const hostKeyLine = (await readFile(join(dir, 'host_ed25519.pub'), 'utf8')).trim().split(' ').slice(0, 2).join(' ');
  // ssh-keygen, not ssh2's generator: now and then ssh2 cannot read back a key it generated ("Malformed OpenSSH private key").
  const userKeyFile = join(dir, 'user_ed25519');
  await promisify(execFile)('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', userKeyFile]);
  await writeFile(join(dir, 'authorized_keys'), await readFile(`${userKeyFile}.pub`, 'utf8'), { mode: 0o600 });
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${join(dir, 'host_ed25519')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'UsePAM no',
    'StrictModes no',
    'AllowTcpForwarding yes',
    'AllowStreamLocalForwarding yes',
    'Subsystem sftp internal-sftp',
    'LogLevel ERROR',
  ].join('\n');
  await writeFile(join(dir, 'sshd_config'), `${config}\n`);
  const child = spawn(sshdPath, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  if (!(await waitForPort(port, { timeoutMs: 5000, alive: () => child.exitCode === null })))
    throw new Error(
      child.exitCode !== null ? `sshd exited with ${child.exitCode}: ${stderr}` : `sshd did not listen on ${port}: ${stderr}`,
    );
  const signalConnections = async (signal: NodeJS.Signals) => {
    for (const pid of await descendants(child.pid!)) {
      try {
        process.kill(pid, signal);
      } catch (error) {
        // A connection process may end between listing and signalling it.
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    }
  };
  return {
    host: '127.0.0.1',
    port,
    user: userInfo().username,
    userKeyFile,
    hostKeyLine,
    hostKeyFingerprint: sha256Fingerprint(Buffer.from(hostKeyLine.split(' ')[1]!, 'base64')),
    dir,
    killConnections: () => signalConnections('SIGKILL'),
    freezeConnections: () => signalConnections('SIGSTOP'),
    async stop() {
      await signalConnections('SIGKILL').catch(() => {});
      child.kill('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
