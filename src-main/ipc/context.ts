import { AppError } from '../../src-shared/errors';
import { OpenTunnels } from '../connect/ssh/open-tunnels';
import { DraftStore } from '../engine/config/generate/draft-store';
import { loadMasSchema, type MasSchemaValidator } from '../engine/config/mas/mas-schema';
import { createProfileRuntime, type ProfileRuntime } from '../profiles/profile-runtime';
import type { SafeStorageLike } from '../profiles/safe-storage-cipher';
import { SandboxRegistry } from '../sandbox/sandbox-registry';

export type HostKind = 'electron' | 'web' | 'cli';

/** What every handler receives besides its validated input. */
export interface HandlerContext<E = unknown> {
  /** Streams one event to the caller (validated against the channel's event schema). */
  emit(event: E): void;
  /** Aborted when the caller cancels or goes away. */
  signal: AbortSignal;
  services: Services;
}

/** The long-lived state of one host (a window's app, a web host run, a command), built once by `createServices`. */
export interface Services {
  readonly host: HostKind;
  /** Folder for profiles and other app data (the Electron user-data folder, or one given on the command line). */
  readonly dataDir: string;
  /** The environment libpq and ssh would see (PG* variables, SSH_AUTH_SOCK, HOME), given by the host. */
  readonly env: NodeJS.ProcessEnv;
  /** The profile store with its vault, and the host keys shown in this session. */
  readonly profiles: ProfileRuntime;
  /** MAS configs being edited, kept in main so their secrets never reach the renderer. */
  readonly drafts: DraftStore;
  /** The "Try with sample data" sandbox of this host, if one runs. */
  readonly sandboxes: SandboxRegistry;
  /** The SSH sessions open right now (each operation closes its own; quitting closes what is left). */
  readonly tunnels: OpenTunnels;
  /** Opens a URL in the system browser (the Electron host); a host without one sends the URL to its page to open. */
  readonly openExternal?: (url: string) => Promise<void>;
  /** MAS's published config schema, compiled on first use; undefined when the host was not given it. */
  masSchema(): Promise<MasSchemaValidator | undefined>;
  /** Stops the sandbox, if one runs, and removes its profile (it would name files and databases that are gone); true if one ran. */
  stopSandbox(): Promise<boolean>;
  /** Removes what a sandbox of an earlier run left behind when the app did not quit cleanly (its folders, its profile). */
  clearLeftovers(): Promise<void>;
  /** Stops everything this host started: the sandbox's PostgreSQL and every SSH tunnel. */
  shutdown(): Promise<void>;
}

export interface ServicesOptions {
  host: HostKind;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** Electron's safeStorage, when the host has it: stored secrets then use the OS keyring. */
  safeStorage?: SafeStorageLike;
  /** Path of MAS's published config schema (JSON), to validate drafts against. */
  masSchemaPath?: string;
  /** How the host opens the system browser, if it can (Electron's shell.openExternal). */
  openExternal?: (url: string) => Promise<void>;
}

/** A profile the admin already removed needs no removing. */
function unlessGone(error: unknown): void {
  if (!(error instanceof AppError && error.code === 'profile-not-found')) throw error;
}

export function createServices(options: ServicesOptions): Services {
  let schema: Promise<MasSchemaValidator> | undefined;
  const profiles = createProfileRuntime(options.dataDir, options.safeStorage);
  const sandboxes = new SandboxRegistry(options.dataDir);
  const tunnels = new OpenTunnels();
  const removeProfile = (id: string) => profiles.store.remove(id).catch(unlessGone);
  const stopSandbox = async () => {
    const stopped = await sandboxes.stop();
    if (stopped) await removeProfile(stopped.profileId);
    return stopped !== undefined;
  };
  return {
    host: options.host,
    dataDir: options.dataDir,
    env: options.env,
    profiles,
    drafts: new DraftStore(),
    sandboxes,
    tunnels,
    ...(options.openExternal ? { openExternal: options.openExternal } : {}),
    masSchema: async () => {
      if (!options.masSchemaPath) return undefined;
      schema ??= loadMasSchema(options.masSchemaPath);
      return schema;
    },
    stopSandbox,
    async clearLeftovers() {
      const profileId = await sandboxes.clearLeftover();
      if (profileId) await removeProfile(profileId);
    },
    async shutdown() {
      // Both, even when one fails: a tunnel left open must not keep the sandbox running, nor the other way round.
      const outcomes = await Promise.allSettled([stopSandbox(), tunnels.closeAll()]);
      const failed = outcomes.find((o) => o.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}
