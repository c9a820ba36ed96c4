import type { ProfileSettingsInput } from '../../src-shared/domain/profile';
import { tempFolder } from './temp-folders';

/** An empty data folder for this test file, removed when the file ends. */
export const tempDataDir = () => tempFolder('mas-migrator-data-');

export function sampleSettings(name = 'Production'): ProfileSettingsInput {
  return {
    name,
    synapse: {
      configFiles: { location: 'ssh', paths: ['/etc/matrix-synapse/homeserver.yaml'] },
      database: {
        source: 'fields',
        host: 'localhost',
        port: 5432,
        database: 'synapse',
        user: 'synapse_user',
        tls: { mode: 'verify-full' },
      },
      ssh: { host: 'matrix.example.org', port: 2222, user: 'admin', auth: 'key', keyFile: '/home/admin/.ssh/id_ed25519' },
    },
    mas: {
      configFiles: { location: 'local', paths: ['/srv/mas/config.yaml'] },
      database: { source: 'uri', uri: 'postgresql://mas@db.example.org/mas' },
    },
  };
}

/** A profile whose config files are on this computer, databases as the configs say. */
export function localProfileSettings(name: string, synapsePaths: string[], masPaths: string[] = []): ProfileSettingsInput {
  return {
    name,
    synapse: { configFiles: { location: 'local', paths: synapsePaths }, database: { source: 'config' } },
    mas: { configFiles: { location: 'local', paths: masPaths }, database: { source: 'config' } },
  };
}
