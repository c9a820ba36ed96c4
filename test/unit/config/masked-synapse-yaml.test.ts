import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { maskedSynapseYaml } from '../../../src-main/engine/config/synapse/masked-synapse-yaml';
import { loadSynapseConfig } from '../../../src-main/engine/config/synapse/synapse-config';

const homeserver = `
server_name: example.org
database:
  name: psycopg2
  args: { user: synapse, password: db-pass-1, dbname: synapse, host: db.internal }
password_config: { pepper: pepper-2 }
registration_shared_secret: shared-3
macaroon_secret_key: macaroon-4
form_secret: form-5
recaptcha_private_key: captcha-6
signing_key_path: /etc/matrix-synapse/signing.key
oidc_providers:
  - idp_id: kc
    issuer: https://sso.example.com/
    client_id: synapse
    client_secret: client-7
    client_secret_path: /etc/matrix-synapse/kc-secret
  - idp_id: apple
    issuer: https://appleid.apple.com
    client_id: app
    client_secret_jwt_key: { key: private-8, jwt_header: { alg: ES256 } }
`;

describe('the Synapse config shown in the app (read-only, secrets masked)', () => {
  it('shows every setting but no secret value, and keeps the paths of secret files', async () => {
    const cfg = await loadSynapseConfig(['homeserver.yaml'], { readText: async () => homeserver, readSecretFile: async () => undefined });
    const text = maskedSynapseYaml(cfg);
    for (const secret of ['db-pass-1', 'pepper-2', 'shared-3', 'macaroon-4', 'form-5', 'captcha-6', 'client-7', 'private-8'])
      expect(text).not.toContain(secret);
    const shown = parse(text);
    expect(shown).toMatchObject({
      server_name: 'example.org',
      database: { args: { user: 'synapse', password: '<redacted>', host: 'db.internal' } },
      password_config: { pepper: '<redacted>' },
      signing_key_path: '/etc/matrix-synapse/signing.key',
      oidc_providers: [
        { client_id: 'synapse', client_secret: '<redacted>', client_secret_path: '/etc/matrix-synapse/kc-secret' },
        { client_secret_jwt_key: { key: '<redacted>', jwt_header: { alg: 'ES256' } } },
      ],
    });
  });
});
