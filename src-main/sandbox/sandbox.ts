import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalPostgres, startLocalPostgres } from '../connect/embedded-postgres';
import { sandboxMasConfig, sandboxPepper, sandboxServerName, sandboxSynapseConfig } from './sandbox-configs';
import type { DatabaseRoute } from '../connect/postgres/database-route';
import { createSandboxDatabases, type SandboxDatabases, sandboxRoute } from './sandbox-databases';
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
  /** Every folder it made (its files, PostgreSQL's data): what to remove if the app ends without stopping it. */
  folders: string[];
  stop(): Promise<void>;
}

export interface SandboxOptions {
  /** Reports each step as it starts, for the progress the admin sees. */
  onStep?: (label: string) => void;
  /** Fills the Synapse database once its schema is loaded. */
  populate: (synapse: DatabaseRoute) => Promise<void>;
  signal?: AbortSignal;
}

/**
 * A throwaway homeserver on this machine: a local PostgreSQL with a Synapse
 * database of sample data and a blank MAS database, and their config files in
 * a temp folder whose name says "sandbox". Stopping removes all of it.
 */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const step = options.onStep ?? (() => {});
  const folder = await mkdtemp(join(tmpdir(), 'mas-migrator-sandbox-'));
  let server: LocalPostgres | undefined;
  const stop = async () => {
    await server?.stop();
    await rm(folder, { recursive: true, force: true });
  };
  try {
    step('Starting a local PostgreSQL');
    server = await startLocalPostgres();
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
    step('Writing homeserver.yaml and the MAS config');
    const files: SandboxFiles = {
      folder,
      serverName: sandboxServerName,
      synapseConfigPath: join(folder, 'homeserver.yaml'),
      masConfigPath: join(folder, 'mas-config.yaml'),
    };
    await writeFile(files.synapseConfigPath, sandboxSynapseConfig(databases.synapse, pepper), { mode: 0o600 });
    await writeFile(files.masConfigPath, await sandboxMasConfig(files.synapseConfigPath, databases.mas), { mode: 0o600 });
    return { files, databases, startedAt: new Date().toISOString(), folders: [folder, server.dataDir], stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
