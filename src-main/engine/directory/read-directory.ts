import type { DirectorySession } from '../../connect/ldap/open-directory';
import type { SynapseConfig } from '../config/synapse/synapse-config';
import { DirectoryIndex } from './directory-links';
import { directoryQuery, entryOf } from './directory-query';
import type { LdapModule } from './ldap-module';

export interface ReadDirectoryOptions {
  idAttribute: string;
  pageSize?: number;
  /** Called after each page with the number of entries read so far (progress). */
  onPage?: (entriesRead: number) => void;
  /** Keep only what the links need (the ID; not the DN and the uid list, which only the checks' messages use): a run holds the whole directory. */
  lean?: boolean;
}

const noUids: readonly string[] = [];

/**
 * Reads every entry of the module's base and filter that has the uid
 * attribute, page by page (one search, never one query per user), into the
 * index the linking rule matches users against.
 */
export async function readDirectoryIndex(
  session: DirectorySession,
  cfg: SynapseConfig,
  module: LdapModule,
  options: ReadDirectoryOptions,
): Promise<DirectoryIndex> {
  const index = new DirectoryIndex();
  const { uidAttribute } = module.settings;
  for await (const page of session.pages(directoryQuery(cfg, module, options.idAttribute, options.pageSize))) {
    for (const record of page) {
      const entry = entryOf(record, uidAttribute, options.idAttribute);
      index.add(entry);
      // The index has taken the uid values it needs (as its keys and matched values); the rest can go.
      if (options.lean) Object.assign(entry, { dn: '', uids: noUids });
    }
    options.onPage?.(index.entries);
  }
  return index;
}
