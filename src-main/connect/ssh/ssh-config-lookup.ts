import { readFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import SSHConfig from 'ssh-config';
import { AppError } from '../../../src-shared/errors';

/** What ~/.ssh/config says about one host, with OpenSSH's defaults filled in by the caller. */
export interface HostConfig {
  hostName?: string;
  port?: number;
  user?: string;
  identityFiles: string[];
  identitiesOnly: boolean;
  /** ProxyJump hops (`[user@]host[:port]`), empty for none. */
  proxyJump: string[];
}

export type SshConfigLookup = (alias: string) => HostConfig;

export function defaultSshConfigFile(): string {
  return join(homedir(), '.ssh', 'config');
}

function expandPath(path: string, alias: string, hostName: string): string {
  return path
    .replace(/^~(?=\/|$)/, homedir())
    .replace(/%d/g, homedir())
    .replace(/%u/g, userInfo().username)
    .replace(/%n/g, alias)
    .replace(/%h/g, hostName)
    .replace(/%%/g, '%');
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const all = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Reads an ssh_config file (a missing file is an empty config) into a per-host lookup. */
export async function loadSshConfig(file: string = defaultSshConfigFile()): Promise<SshConfigLookup> {
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  let config: SSHConfig;
  try {
    config = SSHConfig.parse(text);
  } catch (error) {
    throw new AppError('ssh-config-invalid', `The SSH config file ${file} cannot be read (${(error as Error).message}).`, 'Fix the file, or turn off "use ~/.ssh/config" in the profile.');
  }
  return (alias) => {
    const c = config.compute(alias, { ignoreCase: true }) as Record<string, string | string[]>;
    const get = (key: string) => first(c[key.toLowerCase()]);
    const hostName = get('HostName')?.replace(/%h/g, alias);
    const port = get('Port');
    const jump = get('ProxyJump');
    return {
      hostName,
      port: port ? Number(port) : undefined,
      user: get('User'),
      identityFiles: all(c.identityfile).map((p) => expandPath(p, alias, hostName ?? alias)),
      identitiesOnly: get('IdentitiesOnly')?.toLowerCase() === 'yes',
      proxyJump: !jump || jump.toLowerCase() === 'none' ? [] : jump.split(',').map((h) => h.trim()).filter(Boolean),
    };
  };
}

/** An ssh_config that says nothing, for profiles that do not use ~/.ssh/config. */
export const emptySshConfig: SshConfigLookup = () => ({ identityFiles: [], identitiesOnly: false, proxyJump: [] });
