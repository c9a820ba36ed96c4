import { existsSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { AgentAuthMethod, KeyboardInteractiveAuthMethod, PasswordAuthMethod, PublicKeyAuthMethod } from 'ssh2';
import type { SshHop, SshRoute } from '../../../src-shared/domain/profile';
import { AppError } from '../../../src-shared/errors';
import { reachableAgent } from './agent';
import { loadPrivateKey } from './private-key';
import { emptySshConfig, loadSshConfig, type SshConfigLookup } from './ssh-config-lookup';

/** One SSH server of a route, resolved: real host name, port, user, and the ways to log in, in order. */
export interface ResolvedHop {
  /** `user@host:port` as the admin wrote it, for messages. */
  label: string;
  host: string;
  port: number;
  username: string;
  auth: HopAuth[];
}

export interface HopSecrets {
  password?: string;
  passphrase?: string;
}

export interface RouteSecrets {
  target: HopSecrets;
  jump: HopSecrets;
}

export interface ResolveOptions {
  /** ssh_config file to read when the route uses it (default ~/.ssh/config). */
  sshConfigFile?: string;
  env?: NodeJS.ProcessEnv;
}

/** The login methods this app uses, tried in order. */
export type HopAuth = PasswordAuthMethod | KeyboardInteractiveAuthMethod | PublicKeyAuthMethod | AgentAuthMethod;

const defaultIdentityFiles = ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((name) => join(homedir(), '.ssh', name));

/** A password, offered as OpenSSH does: plainly, then to keyboard-interactive prompts (servers with PAM often allow only that). */
function passwordMethods(username: string, password: string): HopAuth[] {
  return [
    { type: 'password', username, password },
    {
      type: 'keyboard-interactive',
      username,
      prompt: (_name, _instructions, _lang, prompts, finish) => finish(prompts.map(() => password)),
    },
  ];
}

async function authFor(
  hop: SshHop,
  label: string,
  username: string,
  identityFiles: string[],
  secrets: HopSecrets,
  env: NodeJS.ProcessEnv,
): Promise<HopAuth[]> {
  switch (hop.auth) {
    case 'password':
      if (!secrets.password)
        throw new AppError('secret-required', `The SSH password for ${label} is not set.`, 'Enter the SSH password in the profile.');
      return passwordMethods(username, secrets.password);
    case 'key': {
      const file = hop.keyFile ?? identityFiles[0];
      if (!file)
        throw new AppError(
          'ssh-key-missing',
          `No private key file is set for ${label}.`,
          'Choose a key file in the profile, or set IdentityFile for this host in ~/.ssh/config.',
        );
      return [{ type: 'publickey', username, key: await loadPrivateKey(file, secrets.passphrase) }];
    }
    case 'agent':
      return [{ type: 'agent', username, agent: await reachableAgent(env) }];
  }
}

/** A ProxyJump hop from ~/.ssh/config logs in like OpenSSH would: the agent, then the identity files that load. */
async function configuredAuth(
  username: string,
  identityFiles: string[],
  identitiesOnly: boolean,
  secrets: HopSecrets,
  env: NodeJS.ProcessEnv,
): Promise<HopAuth[]> {
  const methods: HopAuth[] = [];
  if (!identitiesOnly && env.SSH_AUTH_SOCK) methods.push({ type: 'agent', username, agent: env.SSH_AUTH_SOCK });
  for (const file of identityFiles.length ? identityFiles : defaultIdentityFiles) {
    if (!existsSync(file)) continue;
    methods.push({ type: 'publickey', username, key: await loadPrivateKey(file, secrets.passphrase) });
  }
  if (secrets.password) methods.push(...passwordMethods(username, secrets.password));
  return methods;
}

function parseJumpSpec(spec: string): { host: string; port?: number; user?: string } {
  const match = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(spec);
  if (!match)
    throw new AppError(
      'ssh-config-invalid',
      `The ProxyJump entry "${spec}" in ~/.ssh/config is not [user@]host[:port].`,
      'Fix the ProxyJump line in ~/.ssh/config.',
    );
  return { user: match[1], host: match[2]!.replace(/^\[|\]$/g, ''), port: match[3] ? Number(match[3]) : undefined };
}

/**
 * Turns a profile's SSH route into the hops to connect through, jump hosts
 * first, reading ~/.ssh/config like OpenSSH (HostName, Port, User,
 * IdentityFile, IdentitiesOnly, ProxyJump) when the route says so.
 */
export async function resolveRoute(
  route: Omit<SshRoute, 'tunnelDatabase'>,
  secrets: RouteSecrets,
  options: ResolveOptions = {},
): Promise<ResolvedHop[]> {
  const env = options.env ?? process.env;
  const config: SshConfigLookup = route.useSshConfig ? await loadSshConfig(options.sshConfigFile) : emptySshConfig;
  const localUser = userInfo().username;

  const resolve = async (
    hop: SshHop | { host: string; port?: number; user?: string; auth?: undefined },
    hopSecrets: HopSecrets,
  ): Promise<ResolvedHop> => {
    const c = config(hop.host);
    const host = c.hostName ?? hop.host;
    const port = hop.port ?? c.port ?? 22;
    const username = hop.user ?? c.user ?? localUser;
    const label = `${username}@${hop.host}:${port}`;
    const auth = hop.auth
      ? await authFor(hop as SshHop, label, username, c.identityFiles, hopSecrets, env)
      : await configuredAuth(username, c.identityFiles, c.identitiesOnly, hopSecrets, env);
    return { label, host, port, username, auth };
  };

  const target = await resolve(route, secrets.target);
  const jumpSpecs = route.jump ? [route.jump] : config(route.host).proxyJump.map(parseJumpSpec);
  const jumps = [];
  for (const spec of jumpSpecs) jumps.push(await resolve(spec, secrets.jump));
  return [...jumps, target];
}
