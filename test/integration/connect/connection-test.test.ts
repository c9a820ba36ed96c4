import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { testSideConnection } from '../../../src-main/connect/connection-test';
import { readConfigDatabase } from '../../../src-main/app/sources/profile-source';
import type { ConnectionStep } from '../../../src-shared/contract/connections';
import { Profile } from '../../../src-shared/domain/profile';
import { databaseWithSchema } from '../../helpers/databases';
import { tempDataDir } from '../../helpers/profiles';

let configPath: string;
let masConfigPath: string;

function profileTakingDatabaseFromConfig() {
  const side = (path: string) => ({ configFiles: { location: 'local' as const, paths: [path] }, database: { source: 'config' as const } });
  return Profile.parse({
    id: '01J0000000000000000000000A',
    name: 'From config',
    createdAt: '',
    updatedAt: '',
    synapse: side(configPath),
    mas: side(masConfigPath),
  });
}

beforeAll(async () => {
  const url = new URL(await databaseWithSchema('synapse'));
  configPath = join(await tempDataDir(), 'homeserver.yaml');
  await writeFile(
    configPath,
    `server_name: example.org\ndatabase:\n  name: psycopg2\n  args:\n    host: 127.0.0.1\n    port: ${url.port}\n    dbname: ${url.pathname.slice(1)}\n    user: ${url.username}\n    password: ${url.password}\nmatrix_authentication_service:\n  enabled: true\n`,
  );
  const mas = new URL(await databaseWithSchema('mas'));
  mas.searchParams.set('sslmode', 'prefer');
  masConfigPath = join(configPath, '..', 'mas.yaml');
  await writeFile(masConfigPath, `matrix:\n  homeserver: example.org\ndatabase:\n  uri: "${mas.toString()}"\n`);
});

describe('connection test of a side whose database comes from its config file', () => {
  it('reads the config, connects to the database it names, and warns that the MAS integration is already on', async () => {
    const steps: ConnectionStep[] = [];
    const result = await testSideConnection(
      profileTakingDatabaseFromConfig(),
      'synapse',
      {},
      { readConfig: readConfigDatabase, emit: (s) => steps.push(s) },
    );
    expect(steps).toEqual(result.steps);
    expect(result.ok).toBe(true);
    expect(steps.map((s) => `${s.step}:${s.status}`)).toEqual([
      'config-files:ok',
      'database:ok',
      'privileges:ok',
      'privileges:ok',
      'privileges:warning',
    ]);
    expect(steps.at(-1)).toMatchObject({
      code: 'synapse-mas-integration',
      message: expect.stringContaining('matrix_authentication_service.enabled'),
    });
  });

  it('connects to the MAS database its config names by URI', async () => {
    const result = await testSideConnection(profileTakingDatabaseFromConfig(), 'mas', {}, { readConfig: readConfigDatabase });
    expect(result.steps.map((s) => `${s.step}:${s.status}`)).toEqual(['config-files:ok', 'database:ok', 'privileges:ok', 'privileges:ok']);
    expect(result.database?.tls).toBe(false); // prefer, and the test server offers no TLS
  });

  it('names the config problem when the config names no usable database (SQLite), and warns only when the profile overrides the database', async () => {
    const sqlite = profileTakingDatabaseFromConfig();
    const sqlitePath = join(configPath, '..', 'sqlite.yaml');
    await writeFile(sqlitePath, 'server_name: example.org\ndatabase:\n  name: sqlite3\n');
    sqlite.synapse.configFiles.paths = [sqlitePath];
    const result = await testSideConnection(sqlite, 'synapse', {}, { readConfig: readConfigDatabase });
    expect(result.steps.at(-1)).toMatchObject({
      step: 'config-files',
      status: 'failed',
      code: 'synapse-db-sqlite',
      fix: expect.stringContaining('synapse_port_db'),
    });
    const url = new URL(await databaseWithSchema('synapse'));
    sqlite.synapse.database = {
      source: 'fields',
      host: '127.0.0.1',
      port: Number(url.port),
      database: url.pathname.slice(1),
      user: url.username,
      tls: { mode: 'disable' },
    };
    const overridden = await testSideConnection(
      sqlite,
      'synapse',
      { 'synapse.database.password': url.password },
      { readConfig: readConfigDatabase },
    );
    expect(overridden.ok).toBe(true);
    expect(overridden.steps.map((s) => `${s.step}:${s.status}`)).toEqual([
      'config-files:ok',
      'config-files:warning',
      'database:ok',
      'privileges:ok',
      'privileges:ok',
      'privileges:ok',
    ]);
  });

  it('says what is missing when nothing reads the config, and when the file is not there', async () => {
    const noReader = await testSideConnection(profileTakingDatabaseFromConfig(), 'synapse', {});
    expect(noReader.steps.at(-1)).toMatchObject({ step: 'database', status: 'failed', code: 'db-settings-invalid' });
    const missing = profileTakingDatabaseFromConfig();
    missing.synapse.configFiles.paths = [join(configPath, '..', 'nope.yaml')];
    const result = await testSideConnection(missing, 'synapse', {}, { readConfig: readConfigDatabase });
    expect(result.steps).toEqual([expect.objectContaining({ step: 'config-files', status: 'failed', code: 'file-missing' })]);
  });
});
