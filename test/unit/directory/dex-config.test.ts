import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateMasConfig } from '../../../src-main/engine/config/generate/generate-mas-config';
import { loadMasSchema, type MasSchemaValidator } from '../../../src-main/engine/config/mas/mas-schema';
import { loadSynapseConfig } from '../../../src-main/engine/config/synapse/synapse-config';
import { addMasProvider, generateDirectoryConfigs } from '../../../src-main/engine/directory/generate-directory-configs';
import { findLdapModule } from '../../../src-main/engine/directory/ldap-module';
import type { ModuleFiles } from '../../../src-main/engine/directory/module-target';
import { reference, yamlFiles } from '../config/fixtures';

// biome-ignore lint/suspicious/noExplicitAny: generated YAML is inspected freely in tests
type Json = Record<string, any>;

/**
 * The fields of Dex's LDAP connector, as Dex documents them (https://dexidp.io/docs/connectors/ldap/,
 * "Configuration": host, insecureNoSSL, insecureSkipVerify, startTLS, rootCA, rootCAData, clientCert,
 * clientKey, bindDN, bindPW, usernamePrompt, userSearch, groupSearch) and of its userSearch (baseDN,
 * filter, username, scope, idAttr, emailAttr, nameAttr, preferredUsernameAttr, emailSuffix). Dex
 * itself ships as a container image and is not on this machine: the generated file is held to these.
 */
const dexConnectorFields = [
  'host',
  'insecureNoSSL',
  'insecureSkipVerify',
  'startTLS',
  'rootCA',
  'rootCAData',
  'clientCert',
  'clientKey',
  'bindDN',
  'bindPW',
  'usernamePrompt',
  'userSearch',
  'groupSearch',
];
const dexUserSearchFields = [
  'baseDN',
  'filter',
  'username',
  'scope',
  'idAttr',
  'emailAttr',
  'nameAttr',
  'preferredUsernameAttr',
  'emailSuffix',
];
/** Dex's top-level config (https://dexidp.io/docs/configuration/): issuer, storage, web, oauth2, staticClients, connectors, … */
const dexTopFields = [
  'issuer',
  'storage',
  'web',
  'telemetry',
  'grpc',
  'expiry',
  'logger',
  'oauth2',
  'staticClients',
  'connectors',
  'enablePasswordDB',
  'staticPasswords',
  'frontend',
];

const module = (config: string) =>
  `server_name: example.org\nmodules:\n  - module: ldap_auth_provider.LdapAuthProviderModule\n    config:\n${config
    .trim()
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n')}\n`;

const base =
  'base: ou=users,dc=example,dc=org\nattributes: { uid: uid, mail: mail, name: cn }\nbind_dn: cn=synapse,dc=example,dc=org\nbind_password: bind-secret';

async function generate(config: string, options: { idAttribute?: string; dexIssuer?: string } = {}, files?: ModuleFiles) {
  const [file] = await yamlFiles(module(config));
  const cfg = await loadSynapseConfig([file!]);
  const m = findLdapModule(cfg)!;
  const generated = generateDirectoryConfigs(cfg, m, files ?? { bindPassword: m.settings.bindPassword, ca: undefined }, {
    masPublicBase: 'https://auth.example.org/',
    dexIssuer: 'https://dex.example.org/dex',
    ...options,
  });
  const dex = parse(generated.dexYaml) as Json;
  return { generated, dex, connector: dex.connectors[0].config as Json, cfg };
}

const warningIds = (g: { warnings: { id: string }[] }) => g.warnings.map((w) => w.id);

describe("Dex's configuration from the module (SPEC §11)", () => {
  let validate: MasSchemaValidator;
  beforeAll(async () => {
    validate = await loadMasSchema(reference('mas-config.schema.json'));
  });

  it("uses only Dex's documented fields, with MAS as static client redirecting to its callback for the provider", async () => {
    const { generated, dex, connector } = await generate(`uri: ldaps://ldap.example.org\nfilter: "(objectClass=person)"\n${base}`);
    expect(Object.keys(dex).filter((k) => !dexTopFields.includes(k))).toEqual([]);
    expect(Object.keys(connector).filter((k) => !dexConnectorFields.includes(k))).toEqual([]);
    expect(Object.keys(connector.userSearch).filter((k) => !dexUserSearchFields.includes(k))).toEqual([]);
    const provider = generated.provider as Json;
    expect(dex).toMatchObject({
      issuer: 'https://dex.example.org/dex',
      storage: { type: 'sqlite3', config: { file: expect.any(String) } },
      web: { http: expect.stringMatching(/:\d+$/) },
      oauth2: { skipApprovalScreen: true },
      staticClients: [
        { id: 'mas', secret: provider.client_secret, redirectURIs: [`https://auth.example.org/upstream/callback/${provider.id}`] },
        // The test login's public client (SPEC §12); Dex lets a public client redirect to any loopback port (dexidp/dex#469).
        { id: 'mas-migrator-test-login', name: 'MAS Migrator test login', public: true },
      ],
      connectors: [{ type: 'ldap', id: 'ldap' }],
    });
    expect(provider.client_secret).toMatch(/^[0-9a-f]{64}$/);
    expect(connector).toEqual({
      host: 'ldap.example.org:636',
      bindDN: 'cn=synapse,dc=example,dc=org',
      bindPW: 'bind-secret',
      userSearch: {
        baseDN: 'ou=users,dc=example,dc=org',
        filter: '(objectClass=person)',
        username: 'uid',
        idAttr: 'uid',
        emailAttr: 'mail',
        nameAttr: 'cn',
        preferredUsernameAttr: 'uid',
      },
    });
  });

  it('ldap:// is port 389 with insecureNoSSL (warned), or startTLS when start_tls', async () => {
    const plain = await generate(`uri: ldap://ldap.example.org\n${base}`);
    expect(plain.connector).toMatchObject({ host: 'ldap.example.org:389', insecureNoSSL: true });
    expect(warningIds(plain.generated)).toContain('ldap-plaintext');
    const startTls = await generate(`uri: ldap://[2001:db8::1]:1389\nstart_tls: true\n${base}`);
    expect(startTls.connector).toMatchObject({ host: '[2001:db8::1]:1389', startTLS: true });
    expect(startTls.connector.insecureNoSSL).toBeUndefined();
    expect(warningIds(startTls.generated)).not.toContain('ldap-plaintext');
  });

  it('--ldap-id-attribute picks idAttr; the default is the uid attribute', async () => {
    const { connector, generated } = await generate(`uri: ldaps://l\n${base}`, { idAttribute: 'entryUUID' });
    expect(connector.userSearch).toMatchObject({ idAttr: 'entryUUID', username: 'uid', preferredUsernameAttr: 'uid' });
    expect(generated.idAttribute).toBe('entryUUID');
  });

  it('warns about what cannot be carried over, naming the setting: validate_cert: false, tls_options, Active Directory, more than one URI', async () => {
    const { generated, connector } = await generate(
      `uri: [ldaps://a.example.org, ldaps://b.example.org]\nvalidate_cert: false\ntls_options: { ca_certs_file: /etc/ldap/ca.pem, ciphers: HIGH, local_private_key_password: x }\nactive_directory: true\ndefault_domain: example.org\n${base}`,
    );
    expect(connector).toMatchObject({ host: 'a.example.org:636', insecureSkipVerify: true, rootCA: '/etc/ldap/ca.pem' });
    const byId = (id: string) => generated.warnings.filter((w) => w.id === id);
    expect(byId('ldap-validate-cert-off')[0]!.source).toMatch(/modules\[0\]\.config\.validate_cert/);
    expect(byId('ldap-tls-option-not-carried').map((w) => w.source)).toEqual([
      expect.stringMatching(/tls_options\.ciphers/),
      expect.stringMatching(/tls_options\.local_private_key_password/),
    ]);
    expect(byId('ldap-tls-file')[0]!.message).toContain('rootCA');
    expect(byId('ldap-active-directory')[0]!.source).toMatch(/active_directory/);
    expect(byId('ldap-default-domain')).toHaveLength(1);
    expect(byId('ldap-uri-list')[0]!.message).toContain('ldaps://b.example.org');
  });

  it('an unreadable bind_password_file is a placeholder and a warning naming the file, never a guess', async () => {
    const { connector, generated } = await generate(
      'uri: ldaps://l\nbase: dc=x\nattributes: {uid: uid, mail: mail, name: cn}\nbind_dn: cn=b\nbind_password_file: /srv/ldap-pw',
      {},
      { bindPassword: { unreadable: '/srv/ldap-pw' }, ca: undefined },
    );
    expect(connector.bindPW).toContain('/srv/ldap-pw');
    expect(generated.warnings.find((w) => w.id === 'ldap-bind-password-unknown')!.message).toContain('/srv/ldap-pw');
  });

  it('without --dex-issuer, a placeholder with a warning', async () => {
    const { dex, generated } = await generate(`uri: ldaps://l\n${base}`, { dexIssuer: undefined });
    expect(dex.issuer).toMatch(/^https:\/\//);
    expect(warningIds(generated)).toContain('fill-in-dex-issuer');
  });

  it("gives MAS the provider SPEC §11 describes, valid against MAS's published schema inside a generated config", async () => {
    const { generated, cfg } = await generate(`uri: ldaps://l\n${base}`);
    expect(generated.provider).toEqual({
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      synapse_idp_id: 'ldap',
      human_name: expect.any(String),
      issuer: 'https://dex.example.org/dex',
      client_id: 'mas',
      client_secret: expect.stringMatching(/^[0-9a-f]{64}$/),
      token_endpoint_auth_method: 'client_secret_basic',
      scope: 'openid profile email federated:id',
      claims_imports: {
        subject: { template: '{{ user.federated_claims.user_id }}' },
        localpart: { action: 'require', template: '{{ user.preferred_username | lower }}' },
        displayname: { action: 'suggest', template: '{{ user.name }}' },
        email: { action: 'suggest', template: '{{ user.email }}' },
      },
    });
    const mas = await generateMasConfig(cfg);
    addMasProvider(mas.document, generated.provider);
    const config = parse(mas.document.toString()) as Json;
    expect(config.upstream_oauth2.providers).toEqual([generated.provider]);
    expect(validate(config)).toEqual([]);
    // The validator is not vacuous for this provider.
    expect(
      validate({ ...config, upstream_oauth2: { providers: [{ ...generated.provider, token_endpoint_auth_method: 'nope' }] } }),
    ).not.toEqual([]);
  });
});
