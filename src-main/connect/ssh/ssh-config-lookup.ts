import { readdir, readFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import SSHConfig from 'ssh-config';
import { AppError } from '../../../src-shared/errors';
import { wildcardRegExp } from './wildcard';

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

async function readIfExists(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

/** Files an Include pattern names: relative to ~/.ssh, `*` and `?` in the file name, in lexical order (as OpenSSH). */
async function includedFiles(pattern: string): Promise<string[]> {
  const path = expandPath(pattern, '', '');
  const absolute = isAbsolute(path) ? path : join(homedir(), '.ssh', path);
  const name = basename(absolute);
  if (!/[*?]/.test(name)) return [absolute];
  const regex = wildcardRegExp(name);
  const names = await readdir(dirname(absolute)).catch(() => []);
  return names
    .filter((n) => regex.test(n))
    .sort()
    .map((n) => join(dirname(absolute), n));
}

/** The config with its Include lines replaced by the included files' text (nested up to OpenSSH's depth limit). */
async function withIncludes(text: string, depth = 0): Promise<string> {
  if (depth > 16)
    throw new AppError(
      'ssh-config-invalid',
      'The SSH config includes itself (Include nested too deep).',
      'Fix the Include lines in ~/.ssh/config.',
    );
  const lines: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const include = /^\s*Include\s+(.+?)\s*$/i.exec(line);
    if (!include) {
      lines.push(line);
      continue;
    }
    for (const pattern of include[1]!.split(/\s+/)) {
      for (const file of await includedFiles(pattern.replace(/^"|"$/g, '')))
        lines.push(await withIncludes(await readIfExists(file), depth + 1));
    }
  }
  return lines.join('\n');
}

/** Reads an ssh_config file (a missing file is an empty config; Include lines are followed) into a per-host lookup. */
export async function loadSshConfig(file: string = defaultSshConfigFile()): Promise<SshConfigLookup> {
  const text = await withIncludes(await readIfExists(file));
  let config: SSHConfig;
  try {
    config = SSHConfig.parse(text);
  } catch (error) {
    throw new AppError(
      'ssh-config-invalid',
      `The SSH config file ${file} cannot be read (${(error as Error).message}).`,
      'Fix the file, or turn off "use ~/.ssh/config" in the profile.',
    );
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
      proxyJump:
        !jump || jump.toLowerCase() === 'none'
          ? []
          : jump
              .split(',')
              .map((h) => h.trim())
              .filter(Boolean),
    };
  };
}

/** An ssh_config that says nothing, for profiles that do not use ~/.ssh/config. */
export const emptySshConfig: SshConfigLookup = () => ({ identityFiles: [], identitiesOnly: false, proxyJump: [] });
