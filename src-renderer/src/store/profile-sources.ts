import type { ProfileView } from '../../../src-shared/domain/profile';

/** Where the profile's config files are, and what it still lacks before its Synapse config can be read. */
export function profileSources(profile: ProfileView) {
  const problems: string[] = [];
  if (!profile.synapse.configFiles.paths.length) problems.push('Name the Synapse config file on the Connections screen.');
  const masIsLocal = profile.mas.configFiles.location === 'local';
  const sameMachine = profile.mas.configFiles.location === profile.synapse.configFiles.location;
  const synapseFolder = profile.synapse.configFiles.paths[0]?.replace(/\/[^/]*$/, '');
  return {
    synapsePaths: profile.synapse.configFiles.paths,
    masPaths: profile.mas.configFiles.paths,
    /** Where the profile's MAS config lives, in words for the save dialog. */
    masWhere: masIsLocal ? 'on this computer' : 'on the MAS server, over SSH',
    /** Where a first MAS config goes, when the profile names none yet. */
    suggestedMasPath: sameMachine && synapseFolder ? `${synapseFolder}/mas-config.yaml` : '/etc/mas/config.yaml',
    problems,
  };
}
