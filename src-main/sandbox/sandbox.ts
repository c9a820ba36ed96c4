import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalPostgres, startLocalPostgres } from '../connect/embedded-postgres';
import { stopOnceBeforeExit } from '../connect/exit-cleanup';
import type { debianSlapd } from '../connect/ldap/local-slapd';
import type { DatabaseRoute } from '../connect/postgres/database-route';
import { sandboxMasConfig, sandboxPepper, sandboxServerName, sandboxSynapseConfig } from './sandbox-configs';
import { createSandboxDatabases, type SandboxDatabases, sandboxRoute } from './sandbox-databases';
import { markModuleUsers, type SandboxDirectory, startSandboxDirectory } from './sandbox-directory';
import { sandboxAccounts } from './sandbox-accounts';
import { type SandboxOpenIdProvider, startSandboxOpenIdProvider } from './sandbox-openid-provider';
import { setSamplePasswords } from './sample-passwords';

export interface SandboxFiles {
  folder: string;
  serverName: string;
  synapseConfigPath: string;
  masConfigPath: string;
}

export interface RunningSandbox {
  files: SandboxFiles;
  databases: SandboxDatabases;
  startedAt: string;
  /** Every folder it made (its files, PostgreSQL's data, slapd's): what to remove if the app ends without stopping it. */
  folders: string[];
  /** The directory's slapd, when OpenLDAP is installed: what to end if the app ends without stopping it. */
  slapd: { pid: number; folder: string; ldapPort: number } | undefined;
  /** The stand-in for the homeserver's OpenID provider (its issuer, its sample accounts), for "Test a login". */
  openIdProvider: Pick<SandboxOpenIdProvider, 'issuer' | 'accounts'>;
  /** What the admin should know about this sandbox (e.g. that it has no directory, and what to install for one). */
  notices: string[];
  stop(): Promise<void>;
}

export interface SandboxOptions {
  /** Reports each step as it starts, for the progress the admin sees. */
  onStep?: (label: string) => void;
  /** Fills the Synapse database once its schema is loaded. */
  populate: (synapse: DatabaseRoute) => Promise<void>;
  /** Where OpenLDAP's programs are; default Debian's. */
  slapdPaths?: Partial<typeof debianSlapd>;
  signal?: AbortSignal;
}

/**
 * A throwaway homeserver on this machine: a local PostgreSQL with a Synapse
 * database of sample data and a blank MAS database, a local OpenLDAP
 * directory its LDAP module authenticates against (when OpenLDAP is
 * installed), a local OpenID provider standing in for its upstream one (sample
 * users sign in there, to try "Test a login"), and their config files in a temp folder whose name says
 * "sandbox". Stopping removes all of it.
 */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const step = options.onStep ?? (() => {});
  const folder = await mkdtemp(join(tmpdir(), 'mas-migrator-sandbox-'));
  let server: LocalPostgres | undefined;
  let directory: SandboxDirectory | undefined;
  let openId: SandboxOpenIdProvider | undefined;
  const stop = stopOnceBeforeExit(async () => {
    // All, even when one fails.
    const outcomes = await Promise.allSettled([server?.stop(), directory?.slapd.stop(), openId?.stop()]);
    await rm(folder, { recursive: true, force: true });
    for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
  });
  try {
    step('Starting a local PostgreSQL');
    server = await startLocalPostgres();
    options.signal?.throwIfAborted();
    step('Starting a local OpenLDAP directory');
    const started = await startSandboxDirectory(options.slapdPaths);
    directory = 'directory' in started ? started.directory : undefined;
    const notices = 'notice' in started ? [started.notice] : [];
    options.signal?.throwIfAborted();
    step('Creating the Synapse and the blank MAS database');
    const databases = await createSandboxDatabases(server);
    options.signal?.throwIfAborted();
    step('Generating sample Synapse users, devices and tokens');
    const synapse = await sandboxRoute(databases.synapse);
    await options.populate(synapse);
    step('Giving the sample logins real passwords');
    const pepper = sandboxPepper();
    await setSamplePasswords(synapse, sandboxServerName, pepper);
    if (directory) await markModuleUsers(synapse, sandboxServerName);
    step('Starting a local OpenID provider with sample accounts');
    openId = await startSandboxOpenIdProvider(await sandboxAccounts(synapse, sandboxServerName));
    step('Writing homeserver.yaml and the MAS config');
    const files: SandboxFiles = {
      folder,
      serverName: sandboxServerName,
      synapseConfigPath: join(folder, 'homeserver.yaml'),
      masConfigPath: join(folder, 'mas-config.yaml'),
    };
    await writeFile(files.synapseConfigPath, sandboxSynapseConfig(databases.synapse, pepper, openId.issuer, directory?.moduleConfig), {
      mode: 0o600,
    });
    const { masYaml, dexYaml } = await sandboxMasConfig(files.synapseConfigPath, databases.mas);
    await writeFile(files.masConfigPath, masYaml, { mode: 0o600 });
    if (dexYaml) await writeFile(join(folder, 'dex.yaml'), dexYaml, { mode: 0o600 });
    const slapd = directory?.slapd;
    return {
      files,
      databases,
      startedAt: new Date().toISOString(),
      folders: [folder, server.dataDir, ...(slapd ? [slapd.folder] : [])],
      slapd: slapd ? { pid: slapd.pid, folder: slapd.folder, ldapPort: slapd.ldapPort } : undefined,
      openIdProvider: { issuer: openId.issuer, accounts: openId.accounts },
      notices,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
