import type { ProfileSettingsInput } from '../../src-shared/domain/profile';
import type { SandboxFiles } from './sandbox';

/** The sandbox's profile: its two config files on this computer, databases as the configs say. Its name says it is a sandbox. */
export function sandboxProfileSettings(files: SandboxFiles, startedAt: Date): ProfileSettingsInput {
  return {
    name: `Sandbox (sample data, ${startedAt.toISOString().slice(11, 19)})`,
    synapse: { configFiles: { location: 'local', paths: [files.synapseConfigPath] }, database: { source: 'config' } },
    mas: { configFiles: { location: 'local', paths: [files.masConfigPath] }, database: { source: 'config' } },
  };
}
