import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encryptionKeyHex, googleProviderUlid, oidcProviderUlid, serverName } from './rules-fixture';
import { tempFolder } from '../../helpers/temp-folders';

/**
 * homeserver.yaml and MAS config files for the rule fixture's databases,
 * with the providers it uses; the Synapse database as psycopg2 args.
 */
export async function writeConfigFiles(
  synapseUrl: string,
  masUrl: string,
): Promise<{ synapseConfig: string; masConfig: string; dir: string }> {
  const dir = await tempFolder('syn2mas-cfg-');
  const db = new URL(synapseUrl);
  const synapseConfig = join(dir, 'homeserver.yaml');
  const masConfig = join(dir, 'mas.yaml');
  await writeFile(
    synapseConfig,
    `server_name: ${serverName}
public_baseurl: https://matrix.${serverName}/
database:
  name: psycopg2
  args:
    user: ${db.username}
    password: ${decodeURIComponent(db.password)}
    host: ${db.hostname}
    port: ${db.port}
    dbname: ${db.pathname.slice(1)}
oidc_providers:
  - idp_id: google
    idp_name: Google
    issuer: https://accounts.google.com
    client_id: google-client
    client_secret: google-secret
  - issuer: https://id.example.org
    client_id: mas
`,
  );
  await writeFile(
    masConfig,
    `database:
  uri: ${masUrl}
matrix:
  homeserver: ${serverName}
  endpoint: https://matrix.${serverName}/
  secret: matrix-secret
passwords:
  enabled: true
  schemes:
    - version: 1
      algorithm: bcrypt
      unicode_normalization: true
    - version: 2
      algorithm: argon2id
secrets:
  encryption: ${encryptionKeyHex}
upstream_oauth2:
  providers:
    - id: ${googleProviderUlid}
      synapse_idp_id: oidc-google
      issuer: https://accounts.google.com
      human_name: Google
      client_id: google-client
      client_secret: google-secret
      token_endpoint_auth_method: client_secret_basic
      scope: openid profile email
    - id: ${oidcProviderUlid}
      synapse_idp_id: oidc
      issuer: https://id.example.org
      client_id: mas
      token_endpoint_auth_method: none
      scope: openid
`,
  );
  return { synapseConfig, masConfig, dir };
}
