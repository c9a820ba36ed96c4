import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unlockPassphraseVault } from '../../../src-main/profiles/passphrase-vault';
import { ProfileStore } from '../../../src-main/profiles/profile-store';
import { passphraseFromEnvironment, resolveProfileForCli } from '../../../src-main/profiles/resolve-for-cli';
import { databaseWithSchema, serverUrl, withClient } from '../../helpers/databases';
import { tempDataDir } from '../../helpers/profiles';

const role = `cli_${randomBytes(4).toString('hex')}`;
const dbPassword = `Cli-${randomBytes(6).toString('hex')}`;
const passphrase = 'cli master passphrase';
let dataDir: string;

beforeAll(async () => {
  await withClient(serverUrl(), (c) => c.query(`CREATE ROLE ${role} LOGIN SUPERUSER PASSWORD '${dbPassword}'`));
  const port = Number(new URL(serverUrl()).port);
  const masDb = new URL(await databaseWithSchema('mas')).pathname.slice(1);
  dataDir = await tempDataDir();
  await writeFile(join(dataDir, 'homeserver.yaml'), 'server_name: example.org\n');
  const cipher = await unlockPassphraseVault(dataDir, passphrase);
  const store = new ProfileStore({ dataDir, cipher: () => cipher });
  const side = { configFiles: { location: 'local' as const, paths: [join(dataDir, 'homeserver.yaml')] }, database: { source: 'fields' as const, host: '127.0.0.1', port, database: masDb, user: role, tls: { mode: 'disable' as const } } };
  await store.create({ name: 'Prod', synapse: side, mas: side }, { 'mas.database.password': dbPassword });
});

afterAll(async () => {
  await withClient(serverUrl(), (c) => c.query(`DROP ROLE IF EXISTS ${role}`));
});

describe('--profile NAME for the command line', () => {
  it('opens the named profile with its decrypted secrets: config files and database', async () => {
    const opened = await resolveProfileForCli('prod', dataDir, passphraseFromEnvironment({ MAS_MIGRATOR_PASSPHRASE: passphrase }));
    try {
      expect(opened.profile.name).toBe('Prod');
      expect(await opened.synapse.readConfigFiles()).toEqual([{ path: join(dataDir, 'homeserver.yaml'), text: 'server_name: example.org\n' }]);
      const route = await opened.mas.openDatabase();
      const clients = await Promise.all([route.connect(), route.connect()]);
      for (const client of clients) {
        expect((await client.query('SELECT current_user AS u')).rows[0].u).toBe(role);
        await client.end();
      }
    } finally {
      await opened.close();
    }
  });

  it('reads the passphrase from a file, and refuses a wrong or missing one precisely', async () => {
    const file = join(dataDir, 'passphrase.txt');
    await writeFile(file, `${passphrase}\n`);
    await (await resolveProfileForCli('Prod', dataDir, passphraseFromEnvironment({}, file))).close();
    await expect(resolveProfileForCli('Prod', dataDir, passphraseFromEnvironment({ MAS_MIGRATOR_PASSPHRASE: 'nope nope nope' }))).rejects.toMatchObject({ code: 'vault-wrong-passphrase' });
    await expect(resolveProfileForCli('Prod', dataDir, passphraseFromEnvironment({}))).rejects.toMatchObject({ code: 'passphrase-required', hint: expect.stringContaining('MAS_MIGRATOR_PASSPHRASE') });
  });

  it('names the profiles it knows when the name is wrong', async () => {
    await expect(resolveProfileForCli('Staging', dataDir, passphraseFromEnvironment({}))).rejects.toMatchObject({ code: 'profile-not-found', message: expect.stringContaining('"Prod"') });
  });
});
