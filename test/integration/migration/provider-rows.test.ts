import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMasConfig } from '../../../src-main/engine/config/mas/mas-config';
import { loadSynapseConfig } from '../../../src-main/engine/config/synapse/synapse-config';
import { withConnection } from '../../../src-main/connect/postgres/pg-helpers';
import { ensureProviderRows } from '../../../src-main/engine/mas/provider-rows';
import type { MigrationSettings } from '../../../src-main/engine/run/migration-settings';
import { migrationSettingsFromConfigs } from '../../../src-main/engine/run/migration-settings-from-configs';
import { ulidToUuid } from '../../../src-main/engine/mas/ulid-ids';
import { databaseWithSchema, withClient } from '../../helpers/databases';
import { decryptMasSecret } from '../../helpers/mas-secret';
import { connectorFor } from '../../helpers/pg-clients';
import { yamlFiles } from '../../unit/config/fixtures';

const first = '01HZX4Q0000000000000000001';
const second = '01HZX4Q0000000000000000002';
const unmapped = '01HZX4Q0000000000000000003';
const claimsImports = {
  subject: { template: '{{ user.sub }}' },
  localpart: { action: 'require', template: '{{ user.preferred_username }}' },
  displayname: { action: 'suggest', template: '{{ user.name }}' },
  email: { action: 'force', template: '{{ user.email }}', set_email_verification: 'always' },
};

/** Two MAS config files (mas-cli concatenates their provider lists), as an admin might split them. */
const masFiles = () =>
  yamlFiles(
    `matrix: {homeserver: rows.example}
secrets:
  encryption: ${randomBytes(32).toString('hex')}
upstream_oauth2:
  providers:
    - id: ${first}
      synapse_idp_id: oidc-corp
      issuer: https://sso.corp.example/
      human_name: Corp
      brand_name: corp
      client_id: mas-client
      client_secret: corp-secret
      token_endpoint_auth_method: client_secret_post
      scope: openid profile email
      discovery_mode: disabled
      pkce_method: always
      fetch_userinfo: true
      response_mode: form_post
      authorization_endpoint: https://sso.corp.example/authorize
      token_endpoint: https://sso.corp.example/token
      userinfo_endpoint: https://sso.corp.example/userinfo
      jwks_uri: https://sso.corp.example/jwks
      claims_imports: ${JSON.stringify(claimsImports)}
      enabled: false
`,
    `upstream_oauth2:
  providers:
    - id: ${second}
      synapse_idp_id: oidc
      issuer: https://id.example/
      client_id: plain
    - id: ${unmapped}
      issuer: https://new.example/
      client_id: new
`,
  );

describe('upstream provider rows are as the MAS config says (SPEC §4.5), in MAS’s real schema', () => {
  let mas: string;
  let settings: MigrationSettings;

  beforeAll(async () => {
    mas = await databaseWithSchema('mas');
    const syn = await loadSynapseConfig(await yamlFiles('server_name: rows.example\n'));
    const masConfig = await loadMasConfig(await masFiles());
    settings = migrationSettingsFromConfigs(syn, masConfig, {
      ignoreMissingAuthProviders: false,
      databases: { synapse: connectorFor(mas), mas: connectorFor(mas) },
    });
  });

  const rows = () => withClient(mas, async (c) => (await c.query('SELECT * FROM upstream_oauth_providers ORDER BY ui_order')).rows);

  it('inserts each provider that takes over a Synapse provider, every column from its config', async () => {
    const before = Date.now();
    const inserted = await withConnection('MAS', settings.masDatabase, (client) =>
      ensureProviderRows(client, settings.masProviders, settings.encryptionKeyHex),
    );
    expect(inserted).toEqual([first, second]);
    const [corp, plain, ...rest] = await rows();
    expect(rest).toEqual([]);
    expect(corp).toMatchObject({
      upstream_oauth_provider_id: ulidToUuid(first),
      issuer: 'https://sso.corp.example/',
      human_name: 'Corp',
      brand_name: 'corp',
      client_id: 'mas-client',
      token_endpoint_auth_method: 'client_secret_post',
      scope: 'openid profile email',
      discovery_mode: 'disabled',
      pkce_mode: 'always',
      fetch_userinfo: true,
      response_mode: 'form_post',
      authorization_endpoint_override: 'https://sso.corp.example/authorize',
      token_endpoint_override: 'https://sso.corp.example/token',
      userinfo_endpoint_override: 'https://sso.corp.example/userinfo',
      jwks_uri_override: 'https://sso.corp.example/jwks',
      claims_imports: claimsImports,
      ui_order: 0,
    });
    // enabled: false is never inserted as enabled.
    expect(corp!.disabled_at).toBeInstanceOf(Date);
    expect((corp!.disabled_at as Date).getTime()).toBeGreaterThanOrEqual(before - 5_000);
    expect(corp!.encrypted_client_secret).not.toContain('corp-secret');
    // What MAS reads: ChaCha20-Poly1305 under secrets.encryption, opened by plain Node (this process's crypto is Electron's).
    expect(decryptMasSecret(Buffer.from(settings.encryptionKeyHex!, 'hex'), corp!.encrypted_client_secret)).toBe('corp-secret');

    // The second file's first provider is the config's second: ui_order 1. Absent settings take MAS's defaults.
    expect(plain).toMatchObject({
      upstream_oauth_provider_id: ulidToUuid(second),
      ui_order: 1,
      disabled_at: null,
      claims_imports: {},
      authorization_endpoint_override: null,
      token_endpoint_override: null,
      userinfo_endpoint_override: null,
      jwks_uri_override: null,
      discovery_mode: 'oidc',
      pkce_mode: 'auto',
      fetch_userinfo: false,
      token_endpoint_auth_method: 'none',
      scope: 'openid',
      encrypted_client_secret: null,
    });
  });

  it('never modifies a row that already exists', async () => {
    await withClient(mas, (c) => c.query("UPDATE upstream_oauth_providers SET human_name = 'changed by MAS', ui_order = 7"));
    const inserted = await withConnection('MAS', settings.masDatabase, (client) =>
      ensureProviderRows(client, settings.masProviders, settings.encryptionKeyHex),
    );
    expect(inserted).toEqual([]);
    expect((await rows()).map((r) => [r.human_name, r.ui_order])).toEqual([
      ['changed by MAS', 7],
      ['changed by MAS', 7],
    ]);
  });
});
