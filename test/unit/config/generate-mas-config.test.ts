import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type GeneratedMasConfig, generateMasConfig } from '../../../src-main/engine/config/generate/generate-mas-config';
import { homeserverSection } from '../../../src-main/engine/config/generate/homeserver-section';
import { loadMasConfig } from '../../../src-main/engine/config/mas/mas-config';
import { loadMasSchema, type MasSchemaValidator } from '../../../src-main/engine/config/mas/mas-schema';
import { loadSynapseConfig } from '../../../src-main/engine/config/synapse/synapse-config';
import { checkConfigs } from '../../../src-main/engine/config/config-checks';
import { plainNodeCrypto } from '../../helpers/electron-crypto';
import { reference, synapseFixture, yamlFiles } from './fixtures';

// biome-ignore lint/suspicious/noExplicitAny: generated YAML is inspected freely in tests
type Json = Record<string, any>;

/** RSA generation is slow-ish: generate each fixture's config once for the whole file. */
const generated = new Map<string, { result: GeneratedMasConfig; config: Json }>();
let validate: MasSchemaValidator;
const variants = readdirSync(synapseFixture('.')).filter((f) => f.endsWith('.yaml'));

beforeAll(async () => {
  validate = await loadMasSchema(reference('mas-config.schema.json'));
  await Promise.all(
    variants.map(async (file) => {
      const result = await generateMasConfig(await loadSynapseConfig([synapseFixture(file)]));
      generated.set(file, { result, config: parse(result.yaml) as Json });
    }),
  );
});

const config = (file: string) => generated.get(file)!.config;
const warnings = (file: string) => generated.get(file)!.result.warnings;
const provider = (file: string, idp: string) => (config(file).upstream_oauth2.providers as Json[]).find((p) => p.synapse_idp_id === idp)!;

describe('generated MAS config (SPEC §7)', () => {
  it('validates against the published MAS schema for every Synapse variant', () => {
    for (const file of variants) expect({ file, problems: validate(config(file)) }).toEqual({ file, problems: [] });
  });

  it('the schema validator is not vacuous: it rejects a broken provider', () => {
    const broken = structuredClone(config('oidc-jinja.yaml'));
    broken.upstream_oauth2.providers[0].id = 'not-a-ulid';
    delete broken.upstream_oauth2.providers[0].token_endpoint_auth_method;
    broken.http.public_base = 'not a url';
    const problems = validate(broken);
    expect(problems.join('\n')).toContain('/upstream_oauth2/providers/0/id');
    expect(problems.join('\n')).toContain("must have required property 'token_endpoint_auth_method'");
    expect(problems.join('\n')).toContain('/http/public_base must match format "uri"');
  });

  it('starts from fresh secrets: 32-byte hex encryption key, a random matrix.secret, four signing keys with kids', () => {
    const c = config('postgres-minimal.yaml');
    expect(c.secrets.encryption).toMatch(/^[0-9a-f]{64}$/);
    expect(c.matrix.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(c.secrets.encryption).not.toBe(config('oidc-jinja.yaml').secrets.encryption);
    expect(c.matrix.secret).not.toBe(config('oidc-jinja.yaml').matrix.secret);
    // Read as MAS reads them: with a crypto that has secp256k1 (plain Node's OpenSSL, not this process's narrowed one).
    const { createPrivateKey } = plainNodeCrypto();
    const keys = (c.secrets.keys as { kid: string; key: string }[]).map(({ kid, key }) => ({
      kid,
      details: createPrivateKey(key).asymmetricKeyDetails,
      type: createPrivateKey(key).asymmetricKeyType,
    }));
    expect(keys.map((k) => [k.type, k.details?.modulusLength ?? k.details?.namedCurve])).toEqual([
      ['rsa', 2048],
      ['ec', 'prime256v1'],
      ['ec', 'secp384r1'],
      ['ec', 'secp256k1'],
    ]);
    for (const k of keys) expect(k.kid).toMatch(/^[A-Za-z0-9]{10}$/);
    expect(new Set(keys.map((k) => k.kid)).size).toBe(4);
  });

  it('has the default HTTP listeners and a database section to fill in, and says so', () => {
    const c = config('postgres-minimal.yaml');
    expect(c.http.listeners.map((l: Json) => l.name)).toEqual(['web', 'internal']);
    expect(c.http.listeners[0].resources.map((r: Json) => r.name)).toEqual(['discovery', 'human', 'oauth', 'compat', 'graphql', 'assets']);
    expect(c.database.uri).toMatch(/^postgresql:\/\//);
    expect(warnings('postgres-minimal.yaml').map((w) => w.id)).toEqual(['fill-in-public-base', 'fill-in-database']);
    expect(generated.get('postgres-minimal.yaml')!.result.yaml).toContain('# Fill in: the MAS database');
  });

  it('matrix.homeserver = server_name, matrix.endpoint = public_baseurl (warning when unset)', () => {
    expect(config('oidc-jinja.yaml').matrix).toMatchObject({ homeserver: 'example.com', endpoint: 'https://matrix.example.com/' });
    expect(config('legacy-oidc.yaml').matrix.homeserver).toBe('legacy.example');
    expect(warnings('legacy-oidc.yaml').map((w) => w.id)).toContain('fill-in-matrix-endpoint');
  });

  it('passwords: scheme 1 bcrypt with cost, pepper and unicode_normalization, scheme 2 argon2id', () => {
    expect(config('oidc-jinja.yaml').passwords).toEqual({
      enabled: true,
      schemes: [
        { version: 1, algorithm: 'bcrypt', cost: 14, secret: 'pepper-secret-value', unicode_normalization: true },
        { version: 2, algorithm: 'argon2id' },
      ],
    });
    expect(config('postgres-minimal.yaml').passwords.schemes[0]).toEqual({ version: 1, algorithm: 'bcrypt', unicode_normalization: true });
  });

  it('passwords disabled in Synapse → passwords.enabled: false', () => {
    expect(config('generation-warnings.yaml').passwords).toEqual({ enabled: false });
  });

  it('account: password_registration_enabled = enable_registration; email_change_allowed only when enable_3pid_changes is set; displayname_change_allowed', () => {
    const open = { password_registration_enabled: true, password_registration_token_required: false, displayname_change_allowed: true };
    expect(config('captcha-consent.yaml').account).toEqual(open);
    expect(config('postgres-minimal.yaml').account).toEqual({
      password_registration_enabled: false,
      password_registration_token_required: false,
      displayname_change_allowed: true,
    });
    expect(config('oidc-jinja.yaml').account.displayname_change_allowed).toBe(false);
    expect(config('errors-3pid-guests-session.yaml').account.email_change_allowed).toBe(true);
    expect(config('generation-warnings.yaml').account).toEqual({ email_change_allowed: false, displayname_change_allowed: true });
  });

  it('account.password_registration_token_required = registration_requires_token (SPEC §7): invite-only stays invite-only', async () => {
    expect(config('invite-only.yaml').account).toMatchObject({
      password_registration_enabled: true,
      password_registration_token_required: true,
    });
    // The generated config passes the config check that guards this very setting.
    const syn = await loadSynapseConfig([synapseFixture('invite-only.yaml')]);
    const [masFile] = await yamlFiles(generated.get('invite-only.yaml')!.result.yaml);
    const ids = checkConfigs(syn, await loadMasConfig([masFile!])).map((f) => f.id);
    expect(ids).toContain('registration-enabled');
    expect(ids).not.toContain('registration-token-not-required');
  });

  it('captcha on → recaptcha_v2 with site and secret keys', () => {
    expect(config('captcha-consent.yaml').captcha).toEqual({
      service: 'recaptcha_v2',
      site_key: 'site-key-123',
      secret_key: 'private-key-456',
    });
    expect(config('postgres-minimal.yaml').captcha).toBeUndefined();
  });

  it('the generated config passes our own configuration checks against its Synapse', async () => {
    for (const file of ['oidc-jinja.yaml', 'postgres-minimal.yaml', 'legacy-oidc.yaml']) {
      const syn = await loadSynapseConfig([synapseFixture(file)]);
      const [masFile] = await yamlFiles(generated.get(file)!.result.yaml);
      const mas = await loadMasConfig([masFile!]);
      expect({ file, findings: checkConfigs(syn, mas).filter((f) => f.area === 'mas-config') }).toEqual({ file, findings: [] });
    }
  });
});

describe('generated upstream providers (SPEC §7)', () => {
  it('carries over a Jinja-mapped provider with every setting', () => {
    expect(provider('oidc-jinja.yaml', 'oidc-keycloak')).toEqual({
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      synapse_idp_id: 'oidc-keycloak',
      issuer: 'https://sso.example.com/realms/main',
      human_name: 'Company SSO',
      brand_name: 'keycloak',
      client_id: 'synapse',
      client_secret: 'kc-client-secret',
      token_endpoint_auth_method: 'client_secret_post',
      scope: 'openid profile email',
      discovery_mode: 'oidc',
      pkce_method: 'always',
      fetch_userinfo: false,
      response_mode: 'form_post',
      forward_login_hint: true,
      additional_authorization_parameters: { prompt: 'login', acr_values: '{{ params.acr_values }}' },
      on_backchannel_logout: 'logout_all',
      claims_imports: {
        subject: { template: '{{ user.sub }}' },
        localpart: { action: 'require', template: '{{ user.preferred_username }}' },
        displayname: { action: 'force', template: '{{ user.given_name }} {{ user.family_name }}' },
        email: { action: 'force', template: '{{ user.email }}' },
      },
    });
  });

  it('discover: false → disabled with endpoint overrides; userinfo_endpoint → fetch_userinfo; confirm_localpart → suggest; subject_claim → template', () => {
    const gh = provider('oidc-jinja.yaml', 'oidc-github');
    expect(gh).toMatchObject({
      discovery_mode: 'disabled',
      authorization_endpoint: 'https://github.com/login/oauth/authorize',
      token_endpoint: 'https://github.com/login/oauth/access_token',
      userinfo_endpoint: 'https://api.github.com/user',
      token_endpoint_auth_method: 'client_secret_basic',
      scope: 'read:user',
      fetch_userinfo: true,
      on_backchannel_logout: 'do_nothing',
      claims_imports: {
        subject: { template: '{{ user.id }}' },
        localpart: { action: 'suggest', template: '{{ user.login }}' },
        displayname: { action: 'suggest', template: '{{ user.name }}' },
      },
    });
    expect(gh.pkce_method).toBeUndefined();
    expect(gh.response_mode).toBeUndefined();
    expect(new Set(config('oidc-jinja.yaml').upstream_oauth2.providers.map((p: Json) => p.id)).size).toBe(2);
  });

  it('legacy oidc_config → synapse_idp_id oidc; skip_verification → insecure; unreadable client_secret_path → client_secret_file with a warning', () => {
    const legacy = provider('legacy-oidc.yaml', 'oidc');
    expect(legacy).toMatchObject({
      discovery_mode: 'insecure',
      client_secret_file: '/etc/synapse/oidc-client-secret',
      token_endpoint_auth_method: 'client_secret_basic',
      scope: 'openid',
    });
    expect(legacy.client_secret).toBeUndefined();
    expect(legacy.claims_imports).toBeUndefined();
    const ids = warnings('legacy-oidc.yaml').map((w) => w.id);
    expect(ids).toContain('client-secret-path');
    expect(ids).toContain('unknown-mapping-provider');
    expect(warnings('legacy-oidc.yaml').find((w) => w.id === 'unknown-mapping-provider')).toMatchObject({
      source: expect.stringMatching(/legacy-oidc\.yaml line 13: oidc_config\.user_mapping_provider\.module$/),
    });
  });

  it('a readable client_secret_path is written inline (with a warning saying so)', async () => {
    const syn = await loadSynapseConfig([synapseFixture('legacy-oidc.yaml')], { readSecretFile: async () => 'secret-from-server' });
    const result = await generateMasConfig(syn);
    expect((parse(result.yaml) as Json).upstream_oauth2.providers[0].client_secret).toBe('secret-from-server');
    expect(result.warnings.find((w) => w.id === 'client-secret-path')?.message).toContain('was read');
    expect(JSON.stringify(result.warnings)).not.toContain('secret-from-server');
  });

  it('both client_secret and client_secret_path: a warning naming the provider, never a silent choice', () => {
    expect(warnings('oidc-secret-both.yaml').filter((w) => w.id === 'client-secret-both')).toEqual([
      {
        id: 'client-secret-both',
        message: expect.stringMatching(
          /^Provider oidc-corp: both client_secret and client_secret_path \(\/etc\/synapse\/corp-secret\) are set, which Synapse refuses to start with; the inline client_secret was carried over/,
        ),
        source: `${synapseFixture('oidc-secret-both.yaml')} line 12: oidc_providers[0].client_secret_path`,
      },
    ]);
    expect(provider('oidc-secret-both.yaml', 'oidc-corp')).toMatchObject({ client_secret: 'inline-secret' });
    expect(provider('oidc-secret-both.yaml', 'oidc-corp').client_secret_file).toBeUndefined();
  });

  it('what the loader skipped comes first among the warnings', async () => {
    const debian = await loadSynapseConfig([synapseFixture('debian/homeserver.yaml'), synapseFixture('debian/conf.d')]);
    const result = await generateMasConfig(debian);
    expect(result.warnings.slice(0, 2).map((w) => [w.id, w.source])).toEqual([
      ['config-folder-entry-skipped', synapseFixture('debian/conf.d/disabled')],
      ['config-folder-entry-skipped', synapseFixture('debian/conf.d/registration.yml')],
    ]);
    expect((parse(result.yaml) as Json).matrix.homeserver).toBe('debian.example');
  });

  it('no secret → token_endpoint_auth_method none', () => {
    expect(provider('generation-warnings.yaml', 'oidc-odd').token_endpoint_auth_method).toBe('none');
  });

  it('warns, never silently drops, for every setting MAS cannot take (SPEC §7)', () => {
    const odd = provider('generation-warnings.yaml', 'oidc-odd');
    expect(odd).toMatchObject({ scope: 'openid', fetch_userinfo: false });
    expect(odd.pkce_method).toBeUndefined();
    expect(odd.response_mode).toBeUndefined();
    expect(odd.additional_authorization_parameters).toBeUndefined();
    expect(
      warnings('generation-warnings.yaml')
        .map((w) => w.id)
        .sort(),
    ).toEqual(
      [
        'fill-in-database',
        'fill-in-public-base',
        'fill-in-matrix-endpoint',
        'invalid-scope',
        'unknown-pkce-method',
        'unknown-user-profile-method',
        'invalid-response-mode',
        'unknown-mapping-provider',
        'provider-registration-disabled',
        'not-carried-attribute-requirements',
        'not-carried-id-token-signing-alg-values-supported',
        'not-carried-client-secret-jwt-key',
      ].sort(),
    );
    for (const w of warnings('generation-warnings.yaml').filter((w) => !w.id.startsWith('fill-in'))) {
      expect(w.message).toMatch(/^Provider oidc-odd: /);
      expect(w.source).toMatch(/generation-warnings\.yaml line \d+: oidc_providers\[0\]/);
    }
  });

  it('warns about the remaining settings it cannot carry over, and fetches userinfo when auto lacks the openid scope', async () => {
    const syn = await loadSynapseConfig(
      await yamlFiles(`server_name: a
password_config: {enabled: only_for_reauth}
enable_registration_captcha: true
recaptcha_public_key: site
oidc_providers:
  - idp_id: plain
    issuer: https://plain.example/
    client_secret: s
    client_auth_method: private_key_jwt
    scopes: [profile]
    allow_existing_users: true
    redirect_uri: https://matrix.example/callback
    idp_icon: mxc://example/abc
`),
    );
    const result = await generateMasConfig(syn);
    const c = parse(result.yaml) as Json;
    expect(c.upstream_oauth2.providers[0]).toMatchObject({
      client_id: '',
      token_endpoint_auth_method: 'client_secret_basic',
      scope: 'profile',
      fetch_userinfo: true,
    });
    expect(c.passwords.enabled).toBe(true);
    expect(c.captcha).toEqual({ service: 'recaptcha_v2', site_key: 'site' });
    expect(result.warnings.map((w) => w.id).sort()).toEqual(
      [
        'passwords-only-for-reauth',
        'captcha-keys-missing',
        'unknown-client-auth-method',
        'not-carried-allow-existing-users',
        'not-carried-redirect-uri',
        'not-carried-idp-icon',
        'missing-client-id',
        'fill-in-matrix-endpoint',
        'fill-in-public-base',
        'fill-in-database',
      ].sort(),
    );
  });

  it('warns about a legacy oidc_config that Synapse never used', async () => {
    const syn = await loadSynapseConfig(await yamlFiles('server_name: a\noidc_config:\n  client_id: only\n'));
    const result = await generateMasConfig(syn);
    expect(result.warnings.map((w) => w.id)).toContain('legacy-oidc-incomplete');
    expect((parse(result.yaml) as Json).upstream_oauth2).toBeUndefined();
  });
});

describe('homeserver integration section (SPEC §9)', () => {
  it('keeps the secret of a section Synapse already has, and warns when it cannot be read', async () => {
    const inline = await generateMasConfig(
      await loadSynapseConfig(
        await yamlFiles('server_name: a\nmatrix_authentication_service:\n  enabled: true\n  secret: already-shared\n'),
      ),
    );
    expect((parse(inline.yaml) as Json).matrix.secret).toBe('already-shared');
    const unreadable = await generateMasConfig(
      await loadSynapseConfig(
        await yamlFiles('server_name: a\nmatrix_authentication_service:\n  enabled: true\n  secret_path: /etc/synapse/mas-secret\n'),
      ),
    );
    expect((parse(unreadable.yaml) as Json).matrix.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(unreadable.warnings.map((w) => w.id)).toContain('synapse-mas-secret-unknown');
  });

  it('uses the same secret as MAS matrix.secret and the MAS URL', () => {
    const { result, config: c } = generated.get('oidc-jinja.yaml')!;
    const section = parse(homeserverSection(result.document)) as Json;
    expect(section).toEqual({ matrix_authentication_service: { enabled: true, endpoint: c.http.public_base, secret: c.matrix.secret } });
    expect(parse(homeserverSection(result.document, 'http://mas.internal:8080/')).matrix_authentication_service.endpoint).toBe(
      'http://mas.internal:8080/',
    );
    expect(homeserverSection(result.document)).toContain('Synapse 1.136.0');
  });

  it('refuses a MAS config without an inline matrix.secret', async () => {
    const doc = generated.get('postgres-minimal.yaml')!.result.document.clone();
    doc.deleteIn(['matrix', 'secret']);
    expect(() => homeserverSection(doc)).toThrow(expect.objectContaining({ code: 'mas-secret-missing' }));
  });
});
