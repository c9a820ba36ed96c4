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
  /** MAS's published config schema, compiled on first use; undefined when the host was not given it. */
  masSchema(): Promise<MasSchemaValidator | undefined>;
}

export interface ServicesOptions {
  host: HostKind;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** Electron's safeStorage, when the host has it: stored secrets then use the OS keyring. */
  safeStorage?: SafeStorageLike;
  /** Path of MAS's published config schema (JSON), to validate drafts against. */
  masSchemaPath?: string;
}

export function createServices(options: ServicesOptions): Services {
  let schema: Promise<MasSchemaValidator> | undefined;
  return {
    host: options.host,
    dataDir: options.dataDir,
    env: options.env,
    profiles: createProfileRuntime(options.dataDir, options.safeStorage),
    drafts: new DraftStore(),
    sandboxes: new SandboxRegistry(),
    masSchema: async () => {
      if (!options.masSchemaPath) return undefined;
      schema ??= loadMasSchema(options.masSchemaPath);
      return schema;
    },
  };
}
