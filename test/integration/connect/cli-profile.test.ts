import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unlockPassphraseVault } from '../../../src-main/profiles/passphrase-vault';
import { ProfileStore } from '../../../src-main/profiles/profile-store';
import { openProfile } from '../../../src-main/app/sources/open-profile';
import { openProfileSource } from '../../../src-main/app/sources/profile-source';
import { passphraseFromEnvironment } from '../../../src-main/hosts/cli/passphrase';
import { profileByName } from '../../../src-main/app/sources/profile-by-name';
import { databaseWithSchema, serverUrl, withClient } from '../../helpers/databases';
import { tempDataDir } from '../../helpers/profiles';
import { startSshd, sshdPath } from '../../helpers/sshd';
import { hasTool } from '../../helpers/tools';

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
  const side = {
    configFiles: { location: 'local' as const, paths: [join(dataDir, 'homeserver.yaml')] },
    database: { source: 'fields' as const, host: '127.0.0.1', port, database: masDb, user: role, tls: { mode: 'disable' as const } },
  };
  await store.create({ name: 'Prod', synapse: side, mas: side }, { 'mas.database.password': dbPassword });
});

afterAll(async () => {
  await withClient(serverUrl(), (c) => c.query(`DROP ROLE IF EXISTS ${role}`));
});

describe('--profile NAME for the command line', () => {
  it('opens the named profile with its decrypted secrets: config files and database', async () => {
    const { store, profileId } = await profileByName('prod', dataDir, passphraseFromEnvironment({ MAS_MIGRATOR_PASSPHRASE: passphrase }));
    const opened = await openProfile(store, profileId);
    try {
      expect(opened.profile.name).toBe('Prod');
      expect(await opened.synapse.readConfigFiles()).toEqual([
        { path: join(dataDir, 'homeserver.yaml'), text: 'server_name: example.org\n' },
      ]);
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
    const resolved = await profileByName('Prod', dataDir, passphraseFromEnvironment({}, file));
    expect(Object.keys(await resolved.store.secrets(resolved.profileId))).toEqual(['mas.database.password']);
    await expect(
      profileByName('Prod', dataDir, passphraseFromEnvironment({ MAS_MIGRATOR_PASSPHRASE: 'nope nope nope' })),
    ).rejects.toMatchObject({ code: 'vault-wrong-passphrase' });
    await expect(profileByName('Prod', dataDir, passphraseFromEnvironment({}))).rejects.toMatchObject({
      code: 'passphrase-required',
      hint: expect.stringContaining('MAS_MIGRATOR_PASSPHRASE'),
    });
  });

  it('names the profiles it knows when the name is wrong', async () => {
    await expect(profileByName('Staging', dataDir, passphraseFromEnvironment({}))).rejects.toMatchObject({
      code: 'profile-not-found',
      message: expect.stringContaining('"Prod"'),
    });
  });
});

describe.runIf(hasTool(sshdPath, 'openssh-server'))('--profile NAME with config files on the server and a tunnelled database', () => {
  it('loads homeserver.yaml over SFTP and opens several connections to the database it names through one tunnel', async () => {
    const sshd = await startSshd();
    try {
      const port = Number(new URL(serverUrl()).port);
      const synapseDb = new URL(await databaseWithSchema('synapse')).pathname.slice(1);
      const masDb = new URL(await databaseWithSchema('mas')).pathname.slice(1);
      const dir = await tempDataDir();
      const homeserver = join(sshd.dir, 'homeserver.yaml');
      await writeFile(
        homeserver,
        `server_name: example.org\ndatabase:\n  name: psycopg2\n  args:\n    host: 127.0.0.1\n    port: ${port}\n    dbname: ${synapseDb}\n    user: ${role}\n    password: ${dbPassword}\n`,
      );
      const masYaml = join(dir, 'mas.yaml');
      await writeFile(
        masYaml,
        `matrix:\n  homeserver: example.org\ndatabase:\n  uri: postgresql://${role}:${dbPassword}@127.0.0.1:${port}/${masDb}\n`,
      );
      const cipher = await unlockPassphraseVault(dir, passphrase);
      const store = new ProfileStore({ dataDir: dir, cipher: () => cipher });
      const created = await store.create({
        name: 'Remote',
        synapse: {
          configFiles: { location: 'ssh', paths: [homeserver] },
          database: { source: 'config' },
          ssh: { host: sshd.host, port: sshd.port, user: sshd.user, auth: 'key', keyFile: sshd.userKeyFile, useSshConfig: false },
        },
        mas: { configFiles: { location: 'local', paths: [masYaml] }, database: { source: 'config' } },
        options: { ignoreMissingAuthProviders: false, writerConnections: 3 },
      });
      await store.trustHostKey(created.id, {
        host: `[127.0.0.1]:${sshd.port}`,
        keyType: 'ssh-ed25519',
        fingerprint: sshd.hostKeyFingerprint,
      });

      const resolved = await profileByName('Remote', dir, passphraseFromEnvironment({}));
      const source = await openProfileSource(resolved.store, resolved.profileId, { env: { HOME: '/nonexistent' } });
      try {
        // As a CLI command uses it: configs read where the profile says, databases through the side's routes.
        expect(source.synapse.model.server_name).toBe('example.org');
        const settings = await source.migrationSettings();
        expect(settings.synapseDatabase.description).toContain(`via SSH ${sshd.user}@127.0.0.1:${sshd.port}`);
        expect(settings.masDatabase.description).not.toContain('via SSH');
        expect(settings.writers).toBe(3);
        const writers = await Promise.all(Array.from({ length: settings.writers }, () => settings.synapseDatabase.connect('test')));
        const pids = await Promise.all(
          writers.map(async (c) => (await c.query('SELECT pg_backend_pid() AS pid, current_database() AS db')).rows[0]),
        );
        expect(new Set(pids.map((p) => p.pid)).size).toBe(3);
        expect(pids[0].db).toBe(synapseDb);
        for (const c of writers) await c.end();
        const mas = await settings.masDatabase.connect('test');
        expect((await mas.query('SELECT current_database() AS db')).rows[0].db).toBe(masDb);
        await mas.end();
        expect(settings.ignoreMissingAuthProviders).toBe(false);
      } finally {
        await source.close();
      }
      // --ignore-missing-auth-providers with --profile adds to the profile's own choice, for the checks and the run alike.
      const lenient = await openProfileSource(resolved.store, resolved.profileId, {
        env: { HOME: '/nonexistent' },
        ignoreMissingAuthProviders: true,
      });
      try {
        expect(lenient.ignoreMissingAuthProviders).toBe(true);
        expect((await lenient.migrationSettings()).ignoreMissingAuthProviders).toBe(true);
      } finally {
        await lenient.close();
      }
    } finally {
      await sshd.stop();
    }
  });
});
