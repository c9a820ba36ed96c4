import { AndFilter, EqualityFilter, type Filter, FilterParser, PresenceFilter } from 'ldapts';
import { AppError } from '../../../src-shared/errors';
import type { DirectoryQuery, DirectoryRecord } from '../../connect/ldap/open-directory';
import type { SynapseConfig } from '../config/synapse/synapse-config';
import { type LdapModule, moduleSource } from './ldap-module';

/** One directory entry as the linking rule sees it. */
export interface DirectoryEntry {
  dn: string;
  /** The uid attribute's values, exactly as the directory returns them. */
  uids: readonly string[];
  /** The ID attribute's (first) value, exactly as returned, as Dex takes it; undefined when the entry has none. */
  id: string | undefined;
}

/** The module's filter, parsed by the LDAP library (so a broken one is named here, not by the server). */
function moduleFilter(cfg: SynapseConfig, module: LdapModule): Filter | undefined {
  const text = module.settings.filter;
  if (!text) return undefined;
  try {
    return FilterParser.parseString(text);
  } catch (error) {
    throw new AppError(
      'config-invalid',
      `${moduleSource(cfg, module, 'filter')}: "${text}" is not an LDAP filter (${(error as Error).message}).`,
      'Write the filter as RFC 4515 says, in parentheses, e.g. (objectClass=posixAccount).',
    );
  }
}

function withModuleFilter(cfg: SynapseConfig, module: LdapModule, filter: Filter): string {
  const base = moduleFilter(cfg, module);
  return (base ? new AndFilter({ filters: [base, filter] }) : filter).toString();
}

/** SPEC §11: every entry of the module's base and filter that has the uid attribute, with its uid and ID attributes. */
export function directoryQuery(cfg: SynapseConfig, module: LdapModule, idAttribute: string, pageSize?: number): DirectoryQuery {
  const { base, uidAttribute } = module.settings;
  return {
    base,
    filter: withModuleFilter(cfg, module, new PresenceFilter({ attribute: uidAttribute })),
    attributes: [...new Set([uidAttribute, idAttribute])],
    ...(pageSize ? { pageSize } : {}),
  };
}

/** The entry a login finds, as the module searches for it: the value is escaped (RFC 4515) by the library's filter. */
export function loginQuery(cfg: SynapseConfig, module: LdapModule, login: string, idAttribute: string): DirectoryQuery {
  const { base, uidAttribute } = module.settings;
  return {
    base,
    filter: withModuleFilter(cfg, module, new EqualityFilter({ attribute: uidAttribute, value: login })),
    attributes: [...new Set([uidAttribute, idAttribute])],
  };
}

/** A record as the linking rule sees it (attribute names match whatever case the server answers in). */
export function entryOf(record: DirectoryRecord, uidAttribute: string, idAttribute: string): DirectoryEntry {
  return {
    dn: record.dn,
    uids: record.values.get(uidAttribute.toLowerCase()) ?? [],
    id: record.values.get(idAttribute.toLowerCase())?.[0],
  };
}
