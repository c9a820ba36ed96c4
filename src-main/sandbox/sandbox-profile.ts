import type { ProfileSettingsInput } from '../../src-shared/domain/profile';
import type { SandboxFiles } from './sandbox';

/** The sandbox's profile: its two config files on this computer, databases as the configs say. Its name says it is a sandbox. */
export function sandboxProfileSettings(files: SandboxFiles, startedAt: Date): ProfileSettingsInput {
  const stamp = startedAt.toISOString().slice(0, 16).replace('T', ' ');
  return {
    name: `Sandbox (sample data, ${stamp} UTC)`,
    synapse: { configFiles: { location: 'local', paths: [files.synapseConfigPath] }, database: { source: 'config' } },
    mas: { configFiles: { location: 'local', paths: [files.masConfigPath] }, database: { source: 'config' } },
  };
}
