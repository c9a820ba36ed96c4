import type { DirectoryIndex } from '../directory/directory-links';
import { readModuleDirectory } from '../directory/check-directory';
import { ldapIdpId } from '../directory/mas-ldap-provider';
import { idAttributeOf } from '../directory/module-directory';
import type { MigrationSettings } from './migration-settings';

/**
 * SPEC §11: when Synapse has the LDAP module and a MAS provider has
 * synapse_idp_id: ldap, the run reads the directory once, in pages, while it
 * sets up (its failure stops the run before MAS is touched). Undefined when
 * there is nothing to link.
 */
export function startDirectoryRead(settings: MigrationSettings): Promise<DirectoryIndex> | undefined {
  const { directory } = settings;
  if (!directory || !settings.masProviders.some((p) => p.synapseIdpId === ldapIdpId)) return undefined;
  const reading = readModuleDirectory(directory, { idAttribute: idAttributeOf(directory, settings.ldapIdAttribute), lean: true });
  // Awaited once setting up reaches MAS; a setup that fails first must not leave it unhandled.
  reading.catch(() => {});
  return reading;
}
