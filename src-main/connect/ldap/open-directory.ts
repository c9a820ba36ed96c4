import { Client, type Entry } from 'ldapts';
import { AppError } from '../../../src-shared/errors';
import type { SshSession } from '../ssh/ssh-session';
import { type DirectoryTarget, defaultConnectTimeoutMs, defaultOperationTimeoutMs, uriAddress } from './directory-target';
import { describeLdapError, type LdapPhase } from './ldap-errors';
import { directoryTls, transportOptions } from './ldap-transport';

/** One search of the directory. */
export interface DirectoryQuery {
  base: string;
  /** An RFC 4515 filter; values in it are escaped (see equalityFilter). */
  filter: string;
  attributes: string[];
  /** Entries per page (simple paged results, RFC 2696); the server may send fewer. */
  pageSize?: number;
}

/** One entry as read: its DN and the requested attributes' values, keyed by the lowercased attribute name. */
export interface DirectoryRecord {
  dn: string;
  values: ReadonlyMap<string, readonly string[]>;
}

/** A bound connection to a directory. */
export interface DirectorySession {
  /** The URI that answered. */
  readonly uri: string;
  /** The URI, and the SSH route when there is one, for messages. */
  readonly description: string;
  /**
   * The entries of a search, one page at a time as they are consumed (a
   * page is requested when the previous one has been taken): memory holds
   * one page, never the directory.
   */
  pages(query: DirectoryQuery): AsyncGenerator<DirectoryRecord[]>;
  close(): Promise<void>;
}

export interface OpenDirectoryOptions {
  /** The side's SSH session, when the directory is reached from the server (its URIs are then as the server sees them). */
  ssh?: SshSession;
}

export const defaultPageSize = 500;

function recordOf(entry: Entry): DirectoryRecord {
  const values = new Map<string, string[]>();
  for (const [name, value] of Object.entries(entry)) {
    if (name === 'dn') continue;
    const list = Array.isArray(value) ? value : [value];
    values.set(
      name.toLowerCase(),
      list.map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : v)),
    );
  }
  return { dn: entry.dn, values };
}

async function bindTo(uri: string, target: DirectoryTarget, ssh: SshSession | undefined): Promise<DirectorySession> {
  const description = ssh ? `${uri} via SSH ${ssh.description}` : uri;
  const context = { where: description, bindDn: target.bindDn };
  let phase: LdapPhase = 'connect';
  let client: Client | undefined;
  try {
    client = new Client({
      url: uri,
      connectTimeout: target.connectTimeoutMs ?? defaultConnectTimeoutMs,
      timeout: target.operationTimeoutMs ?? defaultOperationTimeoutMs,
      ...(await transportOptions(uri, target, ssh)),
    });
    const { secure, host } = uriAddress(uri);
    if (target.startTls && !secure) {
      phase = 'starttls';
      await client.startTLS(directoryTls(target, host));
    }
    phase = 'bind';
    // No bind DN: an anonymous simple bind (RFC 4513 §5.1.1), which also proves the server answers.
    await client.bind(target.bindDn ?? '', target.bindPassword ?? '');
  } catch (error) {
    await client?.unbind().catch(() => {});
    throw describeLdapError(error, { ...context, phase });
  }
  const bound = client;
  return {
    uri,
    description,
    async *pages(query) {
      const options = {
        scope: 'sub' as const,
        filter: query.filter,
        attributes: query.attributes,
        paged: { pageSize: query.pageSize ?? defaultPageSize },
      };
      try {
        for await (const page of bound.searchPaginated(query.base, options)) yield page.searchEntries.map(recordOf);
      } catch (error) {
        throw describeLdapError(error, { ...context, phase: 'search', base: query.base });
      }
    },
    close: () => bound.unbind().catch(() => {}),
  };
}

/**
 * Opens and binds a connection to the directory, trying its URIs in order
 * until one answers (a refused bind or TLS failure stops there: another
 * server of the same directory would say the same).
 */
export async function openDirectory(target: DirectoryTarget, options: OpenDirectoryOptions = {}): Promise<DirectorySession> {
  if (target.uris.length === 0)
    throw new AppError('ldap-unreachable', 'No directory URI is configured.', "Set uri in the module's config in homeserver.yaml.");
  let last: AppError | undefined;
  for (const uri of target.uris) {
    try {
      return await bindTo(uri, target, options.ssh);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'ldap-unreachable') throw error;
      last = error;
    }
  }
  throw last!;
}
