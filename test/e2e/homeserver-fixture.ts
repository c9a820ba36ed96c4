import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { stringify } from 'yaml';
import { generateMasConfig } from '../../src-main/engine/config/generate/generate-mas-config';
import { loadSynapseConfig } from '../../src-main/engine/config/synapse/synapse-config';
import { generateSynapseData } from '../fixtures/synapse-data';
import { databaseWithSchema, withClient } from '../helpers/databases';
import { tempFolder } from '../helpers/temp-folders';

export interface HomeserverFixture {
  dir: string;
  serverName: string;
  /** A user whose password the admin knows, hashed as Synapse hashes it. */
  login: { userId: string; password: string };
  synapseConfigPath: string;
  masConfigPath: string;
  synapseUrl: string;
  masUrl: string;
}

const pepper = 'e2e-pepper';

/**
 * A Synapse homeserver the UI tests migrate: generated users in a real
 * PostgreSQL, one of them with a password the test knows, a homeserver.yaml
 * pointing at it with one upstream provider (`oidc-google`, the generator's),
 * and a blank MAS database. The generator also links users to `oidc`, which no provider declares.
 */
export async function homeserverFixture(users: number): Promise<HomeserverFixture> {
  const serverName = 'e2e.example.org';
  const login = { userId: `@user8:${serverName}`, password: 'journey-Password-8 with spaces' };
  const [synapseUrl, masUrl] = await Promise.all([databaseWithSchema('synapse'), databaseWithSchema('mas')]);
  await withClient(synapseUrl, async (client) => {
    await generateSynapseData(client, { serverName, users });
    // As Synapse hashes a password: bcrypt of its NFKC form followed by the pepper.
    const hash = bcrypt.hashSync(login.password.normalize('NFKC') + pepper, 4);
    await client.query('UPDATE users SET password_hash = $1 WHERE name = $2', [hash, login.userId]);
  });
  const dir = await tempFolder('mas-e2e-homeserver-');
  const db = new URL(synapseUrl);
  const config = {
    server_name: serverName,
    public_baseurl: `https://matrix.${serverName}/`,
    database: {
      name: 'psycopg2',
      args: {
        user: decodeURIComponent(db.username),
        password: decodeURIComponent(db.password),
        host: db.hostname,
        port: Number(db.port),
        dbname: db.pathname.slice(1),
      },
    },
    password_config: { enabled: true, pepper },
    enable_registration: true,
    oidc_providers: [
      {
        idp_id: 'google',
        idp_name: 'Google',
        issuer: 'https://accounts.google.com/',
        client_id: 'e2e-client',
        client_secret: 'e2e-secret',
        scopes: ['openid', 'email'],
      },
    ],
  };
  const synapseConfigPath = join(dir, 'homeserver.yaml');
  await writeFile(synapseConfigPath, stringify(config));
  return { dir, serverName, login, synapseConfigPath, masConfigPath: join(dir, 'mas-config.yaml'), synapseUrl, masUrl };
}

/** A MAS config for the fixture as the app generates it, pointed at the fixture's MAS database (for tests that start after the Configuration step). */
export async function writeMasConfig(hs: HomeserverFixture): Promise<void> {
  const { document } = await generateMasConfig(await loadSynapseConfig([hs.synapseConfigPath]));
  document.setIn(['database', 'uri'], hs.masUrl);
  await writeFile(hs.masConfigPath, document.toString());
}
