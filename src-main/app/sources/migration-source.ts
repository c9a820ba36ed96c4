import type { HistoryEntry } from '../../../src-shared/domain/profile';
import type { FileAccess } from '../../connect/files/file-access';
import type { MasConfig } from '../../engine/config/mas/mas-config';
import type { SynapseConfig } from '../../engine/config/synapse/synapse-config';
import type { MigrationSettings } from '../../engine/run/migration-settings';

/**
 * What the use cases work on, whoever asked: a stored profile (the app, or
 * `--profile` on the command line) or config files and options given on the
 * command line. Both configs are loaded; the databases are reached only when
 * `migrationSettings` is called (through the profile's SSH tunnels, if any).
 */
export interface MigrationSource {
  /** Names the source in messages: `profile "Work"`, or the config files. */
  readonly label: string;
  readonly synapse: SynapseConfig;
  /** Undefined while no MAS config is named, or the one named does not exist yet (before one is generated). */
  readonly mas: MasConfig | undefined;
  /** The MAS config files the source names (the first is where a generated one is saved). */
  readonly masPaths: readonly string[];
  /** Where the Synapse config lives (this computer, or the Synapse host over SFTP). */
  readonly synapseFiles: FileAccess;
  /** Where the MAS config lives. */
  readonly masFiles: FileAccess;
  readonly ignoreMissingAuthProviders: boolean;
  /** Synapse's database is given another way than its config's `database` section (a URI, a profile override). */
  readonly synapseDatabaseOverridden: boolean;
  /** The engine's settings, with both databases reachable (a rehearsal until a run's options say otherwise). */
  migrationSettings(): Promise<MigrationSettings>;
  /** Keeps what happened in the source's history (a profile's); sources without one ignore it. */
  record(entry: Omit<HistoryEntry, 'at'>): Promise<void>;
  /** Ends the source's SSH sessions, if any. */
  close(): Promise<void>;
}

/** Opens a source for one operation and closes it afterwards, whatever happens. */
export async function usingSource<T>(open: () => Promise<MigrationSource>, use: (source: MigrationSource) => Promise<T>): Promise<T> {
  const source = await open();
  try {
    return await use(source);
  } finally {
    await source.close();
  }
}

/** The source with the ID attribute chosen on the command line (SPEC §11 `--ldap-id-attribute`), over a profile's or the default. */
export function withLdapIdAttribute(source: MigrationSource, ldapIdAttribute: string): MigrationSource {
  return { ...source, migrationSettings: async () => ({ ...(await source.migrationSettings()), ldapIdAttribute }) };
}
