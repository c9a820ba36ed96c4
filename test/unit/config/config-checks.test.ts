import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkConfigs } from '../../../src-main/engine/config/config-checks';
import { loadMasConfig } from '../../../src-main/engine/config/mas/mas-config';
import { loadSynapseConfig } from '../../../src-main/engine/config/synapse/synapse-config';
import { Finding } from '../../../src-shared/domain/finding';
import { masFixture, synapseFixture, yamlFiles } from './fixtures';

const base = 'server_name: example.com\ndatabase:\n  name: psycopg2\n  args: {user: s, dbname: s}\n';
const goodMas = `matrix:\n  homeserver: example.com\npasswords:\n  schemes:\n    - version: 1\n      algorithm: bcrypt\n      unicode_normalization: true\n`;

async function findings(synapseExtra: string, masText?: string) {
  const [synFile] = await yamlFiles(base + synapseExtra);
  const syn = await loadSynapseConfig([synFile!]);
  const mas = masText === undefined ? undefined : await loadMasConfig(await yamlFiles(masText));
  return checkConfigs(syn, mas);
}
const ids = async (synapseExtra: string, masText?: string) => (await findings(synapseExtra, masText)).map((f) => f.id);

describe('the matrix of homeserver.yaml variants gives the expected findings', () => {
  const expected = JSON.parse(readFileSync(synapseFixture('expected.json'), 'utf8')) as Record<string, string[]>;
  for (const [file, wanted] of Object.entries(expected)) {
    it(file, async () => {
      const result = checkConfigs(await loadSynapseConfig([synapseFixture(file)]));
      expect(result.map((f) => f.id).sort()).toEqual([...wanted].sort());
      for (const f of result) {
        expect(() => Finding.parse(f)).not.toThrow();
        expect(f.source).toContain(file);
        expect(f.fix.length).toBeGreaterThan(20);
      }
    });
  }

  it('the admin-written MAS config matching oidc-jinja.yaml has nothing to report', async () => {
    const result = checkConfigs(
      await loadSynapseConfig([synapseFixture('oidc-jinja.yaml')]),
      await loadMasConfig([masFixture('matching-oidc-jinja.yaml')]),
    );
    expect(result).toEqual([]);
  });
});

describe('configuration checks on Synapse alone (SPEC §2)', () => {
  it('registration-enabled: only when enable_registration is true', async () => {
    const [f] = await findings('enable_registration: true\n');
    expect(f).toMatchObject({
      id: 'registration-enabled',
      severity: 'warning',
      source: expect.stringMatching(/line 5: enable_registration$/),
    });
    expect(await ids('enable_registration: false\n')).toEqual([]);
  });

  it('user-consent: when user_consent is set', async () => {
    expect(await ids('user_consent:\n  version: "1.0"\n')).toEqual(['user-consent']);
    expect(await ids('user_consent:\n')).toEqual([]);
  });

  it('sso-cas / sso-saml2 / sso-jwt: when the section is enabled; the fix names a bridge such as Dex for SAML2', async () => {
    const result = await findings('cas_config: {enabled: true}\nsaml2_config: {enabled: true}\njwt_config: {enabled: true}\n');
    expect(result.map((f) => [f.id, f.severity])).toEqual([
      ['sso-cas', 'warning'],
      ['sso-saml2', 'warning'],
      ['sso-jwt', 'warning'],
    ]);
    expect(result[1]!.fix).toContain('Dex');
    expect(result[1]!.fix).toContain('config generate --saml-issuer URL --saml-client-id ID');
    expect(result[1]!.fix).toContain("Identity providers screen's SAML card");
    expect(await ids('cas_config: {enabled: false, server_url: x}\nsaml2_config: {sp_config: {}}\njwt_config: {secret: x}\n')).toEqual([]);
  });

  it('password-provider-custom: localdb off, password_providers, and auth modules — each named', async () => {
    const [localdb] = await findings('password_config: {localdb_enabled: false}\n');
    expect(localdb).toMatchObject({ id: 'password-provider-custom', severity: 'warning', count: 1 });
    const [all] = await findings(
      'password_config: {localdb_enabled: false}\npassword_providers:\n  - module: rest_auth_provider.RestAuthProvider\nmodules:\n  - module: ldap_auth_provider.LdapAuthProviderModule\n  - module: synapse_http_antispam.HttpAntispam\n  - module: my_pam_module.PamAuth\n',
    );
    expect(all!.count).toBe(4);
    expect(all!.message).toContain('rest_auth_provider.RestAuthProvider');
    expect(all!.message).toContain('ldap_auth_provider.LdapAuthProviderModule');
    expect(all!.message).not.toContain('HttpAntispam');
    expect(all!.fix).toMatch(/upstream OAuth 2\.0 provider/);
    // Passwords off entirely: localdb_enabled does not matter; unrelated modules are fine.
    expect(
      await ids('password_config: {enabled: false, localdb_enabled: false}\nmodules:\n  - module: synapse_http_antispam.HttpAntispam\n'),
    ).toEqual([]);
  });

  it('password-provider-custom: quiet for the LDAP module once a MAS provider has synapse_idp_id: ldap, else pointing to the Dex path', async () => {
    const ldap =
      'modules:\n  - module: ldap_auth_provider.LdapAuthProviderModule\n    config: {uri: "ldaps://ldap.example.com", base: "dc=example,dc=com", attributes: {uid: uid}}\n';
    const handled = `${goodMas}upstream_oauth2:\n  providers:\n    - {id: 01HZX5Y3T2QW8V7N6M5K4J3H2G, synapse_idp_id: ldap, client_id: mas}\n`;
    expect(await ids(ldap, handled)).not.toContain('password-provider-custom');
    const unhandled = await findings(ldap, goodMas);
    expect(unhandled.find((f) => f.id === 'password-provider-custom')!.fix).toContain('--dex-output');
    expect(unhandled.find((f) => f.id === 'ldap-provider-missing')).toMatchObject({ severity: 'error' });
    // Other password providers are still named beside a handled LDAP module.
    const rest = await findings(`${ldap}password_providers:\n  - module: rest_auth_provider.RestAuthProvider\n`, handled);
    expect(rest.find((f) => f.id === 'password-provider-custom')).toMatchObject({ count: 1 });
    // A module config that cannot be read is a config error naming its key.
    expect(await findings('modules:\n  - module: ldap_auth_provider.LdapAuthProviderModule\n    config: {base: x}\n')).toContainEqual(
      expect.objectContaining({ id: 'config-invalid', severity: 'error', message: expect.stringContaining('modules[0].config.uri') }),
    );
  });

  it('threepid-changes: only when explicitly true', async () => {
    expect(await findings('enable_3pid_changes: true\n')).toMatchObject([{ id: 'threepid-changes', severity: 'error' }]);
    expect(await ids('enable_3pid_changes: false\n')).toEqual([]);
  });

  it('login-via-existing-session: only when enabled', async () => {
    expect(await findings('login_via_existing_session: {enabled: true}\n')).toMatchObject([
      { id: 'login-via-existing-session', severity: 'error' },
    ]);
    expect(await ids('login_via_existing_session: {enabled: false}\n')).toEqual([]);
  });

  it('guests-enabled: when allow_guest_access is true', async () => {
    expect(await findings('allow_guest_access: true\n')).toMatchObject([{ id: 'guests-enabled', severity: 'error' }]);
    expect(await ids('allow_guest_access: false\n')).toEqual([]);
  });

  it('synapse-idp-duplicate: two providers with one internal ID, naming both', async () => {
    const [f] = await findings(
      'oidc_providers:\n  - issuer: https://a/\n    client_id: a\n  - idp_id: oidc\n    issuer: https://b/\n    client_id: b\n',
    );
    expect(f).toMatchObject({
      id: 'synapse-idp-duplicate',
      severity: 'error',
      source: expect.stringMatching(/oidc_providers\[1\]\.idp_id$/),
    });
    expect(f!.message).toContain('"oidc"');
    expect(
      await ids(
        'oidc_providers:\n  - idp_id: a\n    issuer: https://a/\n    client_id: a\n  - idp_id: b\n    issuer: https://b/\n    client_id: b\n',
      ),
    ).toEqual([]);
  });
});

describe('Synapse provider secrets', () => {
  it('synapse-oidc-secret-both: client_secret and client_secret_path on one provider (Synapse refuses to start), naming it', async () => {
    const result = checkConfigs(await loadSynapseConfig([synapseFixture('oidc-secret-both.yaml')]));
    expect(result).toEqual([
      {
        id: 'synapse-oidc-secret-both',
        severity: 'error',
        area: 'synapse-config',
        message: 'Synapse OIDC provider "oidc-corp" sets both client_secret and client_secret_path; Synapse refuses to start with both.',
        fix: expect.stringContaining('Keep only the one'),
        source: `${synapseFixture('oidc-secret-both.yaml')} line 12: oidc_providers[0].client_secret_path`,
      },
    ]);
    expect(JSON.stringify(result)).not.toContain('inline-secret');
  });
});

describe('configuration checks of Synapse against MAS (SPEC §2)', () => {
  it('a MAS config made for this Synapse passes', async () => {
    expect(await ids('', goodMas)).toEqual([]);
  });

  it('password-scheme-missing: no version 1 scheme', async () => {
    const result = await findings(
      '',
      'matrix: {homeserver: example.com}\npasswords:\n  schemes:\n    - {version: 2, algorithm: argon2id}\n',
    );
    expect(result).toMatchObject([{ id: 'password-scheme-missing', severity: 'error' }]);
    expect(result[0]!.message).toContain('versions: 2');
  });

  it("password-scheme-not-bcrypt: scheme 1 is not bcrypt, including MAS's default argon2id", async () => {
    expect(
      await ids(
        '',
        'matrix: {homeserver: example.com}\npasswords:\n  schemes:\n    - {version: 1, algorithm: pbkdf2, unicode_normalization: true}\n',
      ),
    ).toEqual(['password-scheme-not-bcrypt']);
    expect(await ids('', 'matrix: {homeserver: example.com}\n')).toEqual(['password-scheme-not-bcrypt', 'password-unicode-normalization']);
  });

  it('password-scheme-pepper: secret differs from the pepper; both absent is fine; never prints them', async () => {
    const withSecret = `${goodMas}      secret: mas-side\n`;
    const differs = await findings('password_config: {pepper: synapse-side}\n', withSecret);
    expect(differs).toMatchObject([{ id: 'password-scheme-pepper', severity: 'error' }]);
    expect(JSON.stringify(differs)).not.toMatch(/mas-side|synapse-side/);
    expect(await ids('password_config: {pepper: same}\n', `${goodMas}      secret: same\n`)).toEqual([]);
    expect(await ids('password_config: {pepper: only-synapse}\n', goodMas)).toEqual(['password-scheme-pepper']);
    expect(await ids('', withSecret)).toEqual(['password-scheme-pepper']);
    expect(await ids('', goodMas)).toEqual([]);
  });

  it('password-scheme-pepper-unknown: a secret_file not readable from here is a warning, not a guess', async () => {
    expect(await findings('password_config: {pepper: p}\n', `${goodMas}      secret_file: /etc/mas/pepper\n`)).toMatchObject([
      { id: 'password-scheme-pepper-unknown', severity: 'warning' },
    ]);
    const [pepperFile] = await yamlFiles('p\n');
    expect(await ids('password_config: {pepper: p}\n', `${goodMas}      secret_file: ${pepperFile}\n`)).toEqual([]);
  });

  it('password-unicode-normalization (improves on the reference tool): scheme 1 without it', async () => {
    const result = await findings('', goodMas.replace('      unicode_normalization: true\n', ''));
    expect(result).toMatchObject([
      { id: 'password-unicode-normalization', severity: 'warning', source: expect.stringMatching(/passwords\.schemes\[0\]$/) },
    ]);
    expect(result[0]!.message).toContain('NFKC');
  });

  it('password checks are skipped when Synapse has passwords disabled', async () => {
    expect(await ids('password_config: {enabled: false}\n', 'matrix: {homeserver: example.com}\n')).toEqual([]);
  });

  it('server-name-mismatch: names both values (MAS default localhost:8008 when unset)', async () => {
    const [f] = await findings('', goodMas.replace('homeserver: example.com', 'homeserver: example.net'));
    expect(f).toMatchObject({ id: 'server-name-mismatch', severity: 'error' });
    expect(f!.message).toBe('MAS matrix.homeserver is "example.net" but Synapse\'s server_name is "example.com".');
    const [unset] = await findings('', goodMas.replace('matrix:\n  homeserver: example.com\n', 'matrix: {}\n'));
    expect(unset!.message).toContain('"localhost:8008"');
  });

  it('captcha-not-ported: Synapse captcha on and MAS captcha.service unset', async () => {
    expect(await ids('enable_registration_captcha: true\n', goodMas)).toEqual(['captcha-not-ported']);
    expect(await ids('enable_registration_captcha: true\n', `${goodMas}captcha: {service: recaptcha_v2}\n`)).toEqual([]);
  });

  it('registration-token-not-required: Synapse requires registration tokens and MAS does not', async () => {
    const required = 'registration_requires_token: true\n';
    expect(await ids(required, goodMas)).toEqual(['registration-token-not-required']);
    const [closed] = await findings(required, goodMas);
    expect(closed!.message).toContain('once password registration is enabled, anyone can register');
    expect(closed!.source).toMatch(/registration_requires_token$/);
    const [open] = await findings(required, `${goodMas}account: {password_registration_enabled: true}\n`);
    expect(open!.message).toContain(': anyone can register');
    expect(await ids(required, `${goodMas}account: {password_registration_token_required: true}\n`)).toEqual([]);
    expect(await ids('registration_requires_token: false\n', goodMas)).toEqual([]);
  });

  it('consent-not-ported: Synapse user_consent set and MAS branding.tos_uri unset', async () => {
    expect(await ids('user_consent: {version: "1"}\n', goodMas)).toEqual(['user-consent', 'consent-not-ported']);
    expect(await ids('user_consent: {version: "1"}\n', `${goodMas}branding: {tos_uri: "https://example.com/tos"}\n`)).toEqual([
      'user-consent',
    ]);
  });

  it('mas-integration-secret-mismatch: Synapse already has the SPEC §9 section with another secret', async () => {
    const mas = `${goodMas.replace('homeserver: example.com', 'homeserver: example.com\n  secret: mas-side')}`;
    const section = (secret: string) =>
      `matrix_authentication_service:\n  enabled: true\n  endpoint: http://mas:8080/\n  secret: ${secret}\n`;
    const differs = await findings(section('synapse-side'), mas);
    expect(differs).toMatchObject([
      {
        id: 'mas-integration-secret-mismatch',
        severity: 'warning',
        source: expect.stringMatching(/matrix_authentication_service\.secret$/),
      },
    ]);
    expect(JSON.stringify(differs)).not.toMatch(/mas-side|synapse-side/);
    expect(await ids(section('mas-side'), mas)).toEqual([]);
    expect(await ids(section('synapse-side').replace('enabled: true', 'enabled: false'), mas)).toEqual([]);
  });

  it('mas-provider-id-invalid, mas-provider-id-duplicate, mas-synapse-idp-duplicate: naming file and key', async () => {
    const [synFile] = await yamlFiles(base);
    const result = checkConfigs(await loadSynapseConfig([synFile!]), await loadMasConfig([masFixture('bad-provider-ids.yaml')]));
    const byId = (id: string) => result.filter((f) => f.id === id);
    expect(byId('mas-provider-id-invalid')).toMatchObject([
      { severity: 'error', source: expect.stringMatching(/bad-provider-ids\.yaml line 6: upstream_oauth2\.providers\[0\]\.id$/) },
    ]);
    expect(byId('mas-provider-id-invalid')[0]!.message).toContain('"not-a-ulid"');
    expect(byId('mas-provider-id-duplicate')).toMatchObject([
      { source: expect.stringMatching(/line 14: upstream_oauth2\.providers\[2\]\.id$/) },
    ]);
    expect(byId('mas-synapse-idp-duplicate')).toMatchObject([
      { source: expect.stringMatching(/line 11: upstream_oauth2\.providers\[1\]\.synapse_idp_id$/) },
    ]);
    expect(byId('mas-synapse-idp-duplicate')[0]!.message).toContain('"oidc-keycloak"');
  });
});
