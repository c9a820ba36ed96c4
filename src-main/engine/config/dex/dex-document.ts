import { type Document, isMap, isSeq } from 'yaml';
import type { KeyPath } from '../yaml/yaml-files';
import { redactDocument } from '../mas/mas-document';

/**
 * Keys whose values are secrets in a Dex config: the LDAP connector's
 * `bindPW`, a static client's `secret`, an upstream connector's
 * `clientSecret`, a storage's `password` (Dex's documented fields).
 *
 * The generated file holds the values themselves, as the command line writes
 * it: Dex expands `$VAR` only in storage and connector configs
 * (dexidp/dex#669), not in a static client's `secret`, so a file that needs no
 * environment is the one that always starts. Its draft therefore stays in main:
 * the renderer sees these keys as `<redacted>`, and the save writes the values.
 */
const dexSecretKeys = new Set(['bindPW', 'secret', 'clientSecret', 'password']);

/** A copy of a Dex config with every secret replaced by `<redacted>`, for the renderer. */
export const redactDexDocument = (doc: Document): Document => redactDocument(doc, (key) => dexSecretKeys.has(key));

/** Whether an edit at this path would set or remove a Dex secret (the renderer may not). */
export const touchesDexSecret = (path: KeyPath): boolean => path.some((key) => typeof key === 'string' && dexSecretKeys.has(key));

/** The attribute Dex's LDAP connector gives as the user's ID (`userSearch.idAttr`), if the config has one. */
export function dexLdapIdAttribute(doc: Document): string | undefined {
  const connectors = doc.get('connectors');
  if (!isSeq(connectors)) return undefined;
  const ldap = connectors.items.find((c) => isMap(c) && c.get('type') === 'ldap');
  const idAttr = isMap(ldap) ? ldap.getIn(['config', 'userSearch', 'idAttr']) : undefined;
  return typeof idAttr === 'string' && idAttr ? idAttr : undefined;
}
