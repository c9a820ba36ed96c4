import type { ProfileView } from '../../../src-shared/domain/profile';

/** The config files the checker, the generator and the migration read for a profile (files on this computer). */
export interface ProfileSources {
  synapsePaths: string[];
  masPaths: string[];
  ignoreMissingAuthProviders: boolean;
}

/**
 * The path-based channels (config.*, migration.*) read local files and the
 * databases named in the configs. Says what the profile still lacks, or what
 * they cannot do yet (configs on an SSH server, database overrides).
 */
export function profileSources(profile: ProfileView): { sources: ProfileSources; problems: string[] } {
  const problems: string[] = [];
  for (const [side, name] of [
    ['synapse', 'Synapse'],
    ['mas', 'MAS'],
  ] as const) {
    const settings = profile[side];
    if (!settings.configFiles.paths.length) problems.push(`Name the ${name} config file on the Connections screen.`);
    if (settings.configFiles.location === 'ssh') problems.push(`The ${name} config is on the SSH server: checks and migration read config files on this computer only in this version; copy it here and point the profile at the copy.`);
    if (settings.ssh && settings.configFiles.location !== 'ssh') problems.push(`The ${name} side is reached over SSH: checks and migration cannot tunnel to its database in this version (the connection test can).`);
    if (settings.database.source !== 'config') problems.push(`The ${name} database is set on the Connections screen: checks and migration use the database of the ${name} config in this version.`);
  }
  return {
    sources: { synapsePaths: profile.synapse.configFiles.paths, masPaths: profile.mas.configFiles.paths, ignoreMissingAuthProviders: profile.options.ignoreMissingAuthProviders },
    problems,
  };
}
