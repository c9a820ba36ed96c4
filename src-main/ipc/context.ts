import type { SafeStorageLike } from '../profiles/safe-storage-cipher';

/** What every handler receives besides its validated input. */
export interface HandlerContext<E = unknown> {
  /** Streams one event to the caller (validated against the channel's event schema). */
  emit(event: E): void;
  /** Aborted when the caller cancels or goes away. */
  signal: AbortSignal;
  services: Services;
}

/** Long-lived state a host builds once and hands to every handler. */
export interface Services {
  host: 'electron' | 'web' | 'cli';
  /** Folder for profiles and other app data (the Electron user-data folder, or one given on the command line). */
  dataDir: string;
  /** Electron's safeStorage, when the host has it: stored secrets then use the OS keyring. */
  safeStorage?: SafeStorageLike;
}
