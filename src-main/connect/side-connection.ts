import type { Profile, ProfileSide, Side } from '../../src-shared/domain/profile';
import { AppError } from '../../src-shared/errors';
import type { SecretValues } from '../../src-shared/domain/profile';
import { readConfigPaths } from './files/config-paths';
import type { FileAccess } from './files/file-access';
import { localFiles } from './files/local-files';
import { sftpFiles } from './files/sftp-files';
import type { DatabaseRoute } from './postgres/database-route';
import { type LibpqSettings, settingsFromProfile } from './postgres/libpq-settings';
import { openDatabase } from './postgres/open-database';
import { defaultKnownHostsFiles } from './ssh/host-key-check';
import type { OpenTunnels } from './ssh/open-tunnels';
import { resolveRoute } from './ssh/resolve-route';
import { type HopEvent, SshSession } from './ssh/ssh-session';

export interface SideConnectionOptions {
  /** known_hosts files to trust (default: the user's and the system's). */
  knownHostsFiles?: string[];
  /** ssh_config file read when the route uses it (default ~/.ssh/config). */
  sshConfigFile?: string;
  env?: NodeJS.ProcessEnv;
  keepaliveInterval?: number;
  keepaliveCountMax?: number;
  onHop?: (event: HopEvent) => void;
  /** The host's open tunnels: the side's SSH session joins them until it is closed. */
  tunnels?: OpenTunnels;
}

/** The text of one config file, in the order the profile lists them (a folder's files in its place). */
export interface ConfigFileText {
  path: string;
  text: string;
}

/**
 * Everything that reaches one side (Synapse or MAS) of a profile: its SSH
 * session (one, shared by every database connection and file transfer of
 * the side), its config files, and routes to its database.
 */
export interface SideConnection {
  readonly side: Side;
  readonly settings: ProfileSide;
  readonly ssh: SshSession | undefined;
  /** Where the config files are: this computer, or the SSH server over SFTP. */
  readonly files: FileAccess;
  readConfigFiles(): Promise<ConfigFileText[]>;
  /**
   * A route to the side's database. `fromConfig` is what the side's config
   * files say (read by whoever parses them); the profile's overrides win.
   */
  openDatabase(fromConfig?: LibpqSettings): Promise<DatabaseRoute>;
  close(): Promise<void>;
}

export async function openSide(
  profile: Profile,
  side: Side,
  secrets: SecretValues,
  options: SideConnectionOptions = {},
): Promise<SideConnection> {
  const settings = profile[side];
  const route = settings.ssh;
  let ssh: SshSession | undefined;
  if (route) {
    const hops = await resolveRoute(
      route,
      {
        target: { password: secrets[`${side}.ssh.password`], passphrase: secrets[`${side}.ssh.passphrase`] },
        jump: { password: secrets[`${side}.jump.password`], passphrase: secrets[`${side}.jump.passphrase`] },
      },
      { sshConfigFile: options.sshConfigFile, env: options.env },
    );
    ssh = new SshSession({
      hops,
      trust: { knownHostsFiles: options.knownHostsFiles ?? defaultKnownHostsFiles(), trusted: profile.trustedHostKeys },
      keepaliveInterval: options.keepaliveInterval,
      keepaliveCountMax: options.keepaliveCountMax,
      onHop: options.onHop,
    });
    options.tunnels?.add(ssh);
  }
  if (settings.configFiles.location === 'ssh' && !ssh) {
    throw new AppError(
      'ssh-route-missing',
      `The ${side} config files of profile "${profile.name}" are on a server, but the profile has no SSH connection for ${side}.`,
      'Add the SSH connection, or say the files are on this computer.',
    );
  }
  const files = settings.configFiles.location === 'ssh' && ssh ? sftpFiles(ssh) : localFiles;
  const sessionForDatabase = route?.tunnelDatabase ? ssh : undefined;

  return {
    side,
    settings,
    ssh,
    files,
    // Synapse's paths may be folders (conf.d): their files are read in their place, as Synapse reads them.
    readConfigFiles: async () => (await readConfigPaths(files, settings.configFiles.paths, { folders: side === 'synapse' })).texts,
    openDatabase: (fromConfig) =>
      openDatabase(settingsFromProfile(settings.database, secrets[`${side}.database.password`], fromConfig, side), {
        env: options.env ?? process.env,
        where: `the ${side} database of profile "${profile.name}"`,
        ...(sessionForDatabase ? { ssh: sessionForDatabase } : {}),
      }),
    close: async () => ssh?.close(),
  };
}
