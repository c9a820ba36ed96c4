import type { Finding } from '../../../src-shared/domain/finding';
import { AppError } from '../../../src-shared/errors';
import type { DirectoryTarget } from '../../connect/ldap/directory-target';
import type { DirectorySession } from '../../connect/ldap/open-directory';
import type { MasConfig } from '../config/mas/mas-config';
import type { ReadSecretFile } from '../config/secret-files';
import type { SynapseConfig } from '../config/synapse/synapse-config';
import { checkDirectoryConfig, checkDirectoryLinks, directoryFailureFinding } from './directory-checks';
import { type DirectoryIndex, type LinkCandidate, LinkTally } from './directory-links';
import { findLdapModule, type LdapModule } from './ldap-module';
import { moduleDirectoryTarget, readModuleFiles } from './module-target';
import { readDirectoryIndex } from './read-directory';

export interface DirectoryCheckInput {
  syn: SynapseConfig;
  mas: MasConfig | undefined;
  ignoreMissingAuthProviders: boolean;
  /** Reads bind_password_file and the CA file where Synapse's config is (this computer, or its server over SFTP). */
  readSecretFile: ReadSecretFile;
  /** `this computer` or `user@host:port`, for the message when a file cannot be read. */
  where: string;
  /** Opens the directory: connect/ldap's openDirectory, through the Synapse side's SSH session when the profile says so. */
  open: (target: DirectoryTarget) => Promise<DirectorySession>;
  /** The attribute Dex gives as the user's ID (its idAttr); default the module's uid attribute. */
  idAttribute?: string;
  /** Synapse's users, read as a stream. */
  users: () => AsyncIterable<LinkCandidate>;
}

/** Reads the whole directory (the module's base and filter) into the index, closing the connection after. */
export async function readModuleDirectory(
  input: Pick<DirectoryCheckInput, 'syn' | 'readSecretFile' | 'where' | 'open'>,
  module: LdapModule,
  idAttribute: string,
): Promise<DirectoryIndex> {
  const target = moduleDirectoryTarget(input.syn, module, await readModuleFiles(module, input.readSecretFile), input.where);
  const session = await input.open(target);
  try {
    return await readDirectoryIndex(session, input.syn, module, { idAttribute });
  } finally {
    await session.close();
  }
}

/**
 * SPEC §11's checks for a source whose Synapse has the module: the MAS
 * provider, plaintext binds, and (reading the directory and Synapse's
 * users) who will be linked, who cannot log in and who is ambiguous. A
 * directory that could not be read is an error finding: the check never passes then.
 */
export async function checkDirectory(input: DirectoryCheckInput): Promise<Finding[]> {
  const module = findLdapModule(input.syn);
  if (!module) return [];
  const findings = checkDirectoryConfig(input.syn, module, input.mas, { ignoreMissingAuthProviders: input.ignoreMissingAuthProviders });
  let index: DirectoryIndex;
  try {
    index = await readModuleDirectory(input, module, input.idAttribute ?? module.settings.uidAttribute);
  } catch (error) {
    const failure = error instanceof AppError ? directoryFailureFinding(error) : undefined;
    if (!failure) throw error;
    return [...findings, failure];
  }
  const tally = new LinkTally(index, { activeDirectory: module.settings.activeDirectory });
  for await (const user of input.users()) tally.add(user);
  return [...findings, ...checkDirectoryLinks(tally.result(), input.syn, module)];
}
