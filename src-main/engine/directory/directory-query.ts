import { AndFilter, EqualityFilter, type Filter, FilterParser, OrFilter, PresenceFilter } from 'ldapts';
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

/**
 * The entries with any of these uid values, as the module searches for a
 * login. The server compares with the uid attribute's equality rule,
 * case-insensitive for the standard uid (caseIgnoreMatch, RFC 4519 §2.39), so
 * the entries whose uids lowercase alike are all found; the linking rule then
 * compares exactly. Values are escaped (RFC 4515) by the library's filter.
 */
export function uidsQuery(cfg: SynapseConfig, module: LdapModule, uids: readonly string[], idAttribute: string): DirectoryQuery {
  const { base, uidAttribute } = module.settings;
  const equal = uids.map((value) => new EqualityFilter({ attribute: uidAttribute, value }));
  return {
    base,
    filter: withModuleFilter(cfg, module, equal.length === 1 ? equal[0]! : new OrFilter({ filters: equal })),
    attributes: [...new Set([uidAttribute, idAttribute])],
  };
}

/** The entries with a uid whose ID attribute is a login's subject (SPEC §12): the entry Dex signed that login in as. */
export function subjectQuery(cfg: SynapseConfig, module: LdapModule, subject: string, idAttribute: string): DirectoryQuery {
  const { base, uidAttribute } = module.settings;
  const filter = new AndFilter({
    filters: [new PresenceFilter({ attribute: uidAttribute }), new EqualityFilter({ attribute: idAttribute, value: subject })],
  });
  return { base, filter: withModuleFilter(cfg, module, filter), attributes: [...new Set([uidAttribute, idAttribute])] };
}

/** A record as the linking rule sees it (attribute names match whatever case the server answers in). */
export function entryOf(record: DirectoryRecord, uidAttribute: string, idAttribute: string): DirectoryEntry {
  return {
    dn: record.dn,
    uids: record.values.get(uidAttribute.toLowerCase()) ?? [],
    id: record.values.get(idAttribute.toLowerCase())?.[0],
  };
}
