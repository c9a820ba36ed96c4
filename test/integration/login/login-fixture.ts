import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { synapseAndMas } from '../migration/database-pair';
import { tempFolder } from '../../helpers/temp-folders';

/** The MAS provider that takes over Synapse's `oidc-test` links. */
export const providerUlid = '01JBQ5Y8M2N3P4Q5R6S7T8V9W0';

/**
 * A homeserver whose user alice signed in once through the test provider
 * (Synapse's link `oidc-test`/`alice`), its homeserver.yaml, and a way to
 * write MAS configs whose one provider has a given subject template.
 * `moreSynapseConfig` is appended to homeserver.yaml.
 */
export async function loginHomeserver(issuer: string, moreSynapseConfig = '') {
  const { synapse, mas } = await synapseAndMas((c) =>
    c.query(`
      INSERT INTO users (name, password_hash, creation_ts, admin, is_guest, appservice_id, deactivated, locked) VALUES
        ('@alice:example.org', NULL, 1600000000, 0, 0, NULL, 0, false);
      INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES ('oidc-test', 'alice', '@alice:example.org');`),
  );
  const dir = await tempFolder('test-login-');
  const db = new URL(synapse);
  const synapseConfig = join(dir, 'homeserver.yaml');
  await writeFile(
    synapseConfig,
    `server_name: example.org
public_baseurl: https://matrix.example.org/
database:
  name: psycopg2
  args: { user: ${db.username}, password: ${decodeURIComponent(db.password)}, host: ${db.hostname}, port: ${db.port}, dbname: ${db.pathname.slice(1)} }
oidc_providers:
  - idp_id: test
    issuer: ${issuer}
    client_id: mas
${moreSynapseConfig}`,
  );
  /** A MAS config for these databases whose provider computes the subject with `template`. */
  async function masConfig(name: string, template: string): Promise<string> {
    const path = join(dir, `${name}.yaml`);
    await writeFile(
      path,
      `database:
  uri: ${mas}
matrix:
  homeserver: example.org
  endpoint: https://matrix.example.org/
  secret: matrix-secret
passwords:
  enabled: true
  schemes:
    - version: 1
      algorithm: bcrypt
secrets:
  encryption: ${'0f'.repeat(32)}
upstream_oauth2:
  providers:
    - id: ${providerUlid}
      synapse_idp_id: oidc-test
      issuer: ${issuer}
      client_id: mas
      token_endpoint_auth_method: none
      scope: openid profile email extra
      claims_imports:
        subject:
          template: "${template}"
`,
    );
    return path;
  }
  return { synapseConfig, masConfig };
}
