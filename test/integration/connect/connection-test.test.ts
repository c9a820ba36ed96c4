import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type ConfigDatabaseReader, testSideConnection } from '../../../src-main/connect/connection-test';
import type { ConnectionStep } from '../../../src-shared/contract/connections';
import { Profile } from '../../../src-shared/domain/profile';
import { databaseWithSchema } from '../../helpers/databases';
import { tempDataDir } from '../../helpers/profiles';

/** A stand-in for the engine's config loader: reads database.args and the MAS integration flag of homeserver.yaml. */
const readSynapseConfig: ConfigDatabaseReader = async (_side, files) => {
  const config = parse(files[0]!.text);
  const args = config.database.args;
  return {
    database: { host: args.host, port: args.port, database: args.dbname, user: args.user, password: args.password, tls: { mode: 'disable' } },
    masIntegrationEnabled: config.matrix_authentication_service?.enabled === true,
  };
};

let configPath: string;

function profileTakingDatabaseFromConfig() {
  const side = { configFiles: { location: 'local' as const, paths: [configPath] }, database: { source: 'config' as const } };
  return Profile.parse({ id: '01J0000000000000000000000A', name: 'From config', createdAt: '', updatedAt: '', synapse: side, mas: side });
}

beforeAll(async () => {
  const url = new URL(await databaseWithSchema('synapse'));
  configPath = join(await tempDataDir(), 'homeserver.yaml');
  await writeFile(
    configPath,
    `server_name: example.org\ndatabase:\n  name: psycopg2\n  args:\n    host: 127.0.0.1\n    port: ${url.port}\n    dbname: ${url.pathname.slice(1)}\n    user: ${url.username}\n    password: ${url.password}\nmatrix_authentication_service:\n  enabled: true\n`,
  );
});

describe('connection test of a side whose database comes from its config file', () => {
  it('reads the config, connects to the database it names, and warns that the MAS integration is already on', async () => {
    const steps: ConnectionStep[] = [];
    const result = await testSideConnection(profileTakingDatabaseFromConfig(), 'synapse', {}, { readConfig: readSynapseConfig, emit: (s) => steps.push(s) });
    expect(steps).toEqual(result.steps);
    expect(result.ok).toBe(true);
    expect(steps.map((s) => `${s.step}:${s.status}`)).toEqual(['config-files:ok', 'database:ok', 'privileges:ok', 'privileges:ok', 'privileges:warning']);
    expect(steps.at(-1)).toMatchObject({ code: 'synapse-mas-integration', message: expect.stringContaining('matrix_authentication_service.enabled') });
  });

  it('says what is missing when nothing reads the config, and when the file is not there', async () => {
    const noReader = await testSideConnection(profileTakingDatabaseFromConfig(), 'synapse', {});
    expect(noReader.steps.at(-1)).toMatchObject({ step: 'database', status: 'failed', code: 'database-settings-missing' });
    const missing = profileTakingDatabaseFromConfig();
    missing.synapse.configFiles.paths = [join(configPath, '..', 'nope.yaml')];
    const result = await testSideConnection(missing, 'synapse', {}, { readConfig: readSynapseConfig });
    expect(result.steps).toEqual([expect.objectContaining({ step: 'config-files', status: 'failed', code: 'file-missing' })]);
  });
});
