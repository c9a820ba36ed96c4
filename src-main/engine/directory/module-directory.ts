import { type DirectorySession, openDirectory } from '../../connect/ldap/open-directory';
import type { DirectoryTarget } from '../../connect/ldap/directory-target';
import { type ReadSecretFile, readLocalSecretFile } from '../config/secret-files';
import type { SynapseConfig } from '../config/synapse/synapse-config';
import type { LdapModule } from './ldap-module';

/** Where the module's files are read and how its directory is reached, as the source says (this computer, or the Synapse server's SSH route). */
export interface DirectoryAccess {
  /** Reads bind_password_file and the CA file where Synapse's config is. */
  readSecretFile: ReadSecretFile;
  /** `this computer` or `user@host:port`, for the message when a file cannot be read. */
  where: string;
  /** Opens the directory: connect/ldap's openDirectory, through the Synapse side's SSH session when the source has one. */
  open: (target: DirectoryTarget) => Promise<DirectorySession>;
}

/** SPEC §11 for a run, a check or a verification: Synapse's matrix-synapse-ldap3 module, and how to read its directory. */
export interface ModuleDirectory extends DirectoryAccess {
  syn: SynapseConfig;
  module: LdapModule;
}

/** The command line's access: files and directory as this computer sees them. */
export const localDirectoryAccess: DirectoryAccess = {
  readSecretFile: readLocalSecretFile,
  where: 'this computer',
  open: (target) => openDirectory(target),
};

/** The attribute Dex gives as the user's ID: the one chosen (--ldap-id-attribute, the profile), else the module's uid attribute. */
export function idAttributeOf(directory: ModuleDirectory, chosen: string | undefined): string {
  return chosen ?? directory.module.settings.uidAttribute;
}
