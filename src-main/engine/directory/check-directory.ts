import type { Finding } from '../../../src-shared/domain/finding';
import { AppError } from '../../../src-shared/errors';
import type { DirectorySession } from '../../connect/ldap/open-directory';
import type { MasConfig } from '../config/mas/mas-config';
import type { SynapseConfig } from '../config/synapse/synapse-config';
import { checkDirectoryConfig, checkDirectoryLinks, directoryFailureFinding } from './directory-checks';
import { type DirectoryIndex, type LinkCandidate, LinkTally } from './directory-links';
import { findLdapModule } from './ldap-module';
import { idAttributeOf, type ModuleDirectory } from './module-directory';
import { moduleDirectoryTarget, readModuleFiles } from './module-target';
import { type ReadDirectoryOptions, readDirectoryIndex } from './read-directory';

export interface DirectoryCheckInput {
  directory: ModuleDirectory;
  /** The attribute Dex gives as the user's ID (its idAttr); default the module's uid attribute. */
  idAttribute?: string | undefined;
  /** Synapse's users, read as a stream. */
  users: () => AsyncIterable<LinkCandidate>;
}

/** A bound session to the module's directory, with its own settings and files, closed once `use` is done. */
export async function withModuleSession<T>(directory: ModuleDirectory, use: (session: DirectorySession) => Promise<T>): Promise<T> {
  const { syn, module } = directory;
  const target = moduleDirectoryTarget(syn, module, await readModuleFiles(module, directory.readSecretFile), directory.where);
  const session = await directory.open(target);
  try {
    return await use(session);
  } finally {
    await session.close();
  }
}

/** Reads the whole directory (the module's base and filter) into the index the linking rule matches users against. */
export function readModuleDirectory(directory: ModuleDirectory, options: Omit<ReadDirectoryOptions, 'pageSize'>): Promise<DirectoryIndex> {
  return withModuleSession(directory, (session) => readDirectoryIndex(session, directory.syn, directory.module, options));
}

/**
 * SPEC §11's checks on the configs alone, for a Synapse with the module:
 * the MAS provider and plaintext binds; a module config that cannot be
 * read is a config-invalid error naming its key.
 */
export function directoryConfigFindings(
  syn: SynapseConfig,
  mas: MasConfig | undefined,
  options: { ignoreMissingAuthProviders: boolean },
): Finding[] {
  try {
    const module = findLdapModule(syn);
    return module ? checkDirectoryConfig(syn, module, mas, options) : [];
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'config-invalid') throw error;
    return [{ id: 'config-invalid', severity: 'error', area: 'synapse-config', message: error.message, fix: error.hint ?? '' }];
  }
}

/**
 * SPEC §11's checks that read the directory and Synapse's users: who will
 * be linked, who cannot log in and who is ambiguous. A directory that could
 * not be read is an error finding: the check never passes then.
 */
export async function checkDirectory(input: DirectoryCheckInput): Promise<Finding[]> {
  const { directory } = input;
  let index: DirectoryIndex;
  try {
    index = await readModuleDirectory(directory, { idAttribute: idAttributeOf(directory, input.idAttribute) });
  } catch (error) {
    const failure = error instanceof AppError ? directoryFailureFinding(error) : undefined;
    if (!failure) throw error;
    return [failure];
  }
  const tally = new LinkTally(index, { activeDirectory: directory.module.settings.activeDirectory });
  for await (const user of input.users()) tally.add(user);
  return checkDirectoryLinks(tally.result(), directory.syn, directory.module);
}
