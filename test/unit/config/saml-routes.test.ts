import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { fetchSamlMetadata } from '../../../src-main/connect/http/saml-metadata-fetch';
import { loadMasSchema, type MasSchemaValidator } from '../../../src-main/engine/config/mas/mas-schema';
import { dexSamlRoute } from '../../../src-main/engine/config/saml/dex-saml-config';
import { parseIdpMetadata } from '../../../src-main/engine/config/saml/idp-metadata';
import { samlOidcSideProvider } from '../../../src-main/engine/config/saml/saml-providers';
import { synapseSamlSettings } from '../../../src-main/engine/config/saml/saml-synapse';
import { evaluateSubjectTemplate } from '../../../src-main/engine/login/subject-template';
import { testLoginClientId } from '../../../src-shared/domain/test-login-client';
import { tempFolder } from '../../helpers/temp-folders';
import { opensslPath } from '../../helpers/tls-certs';
import { reference } from './fixtures';

// biome-ignore lint/suspicious/noExplicitAny: generated config is inspected freely in tests
type Json = Record<string, any>;

const run = promisify(execFile);
const post = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const redirect = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
let certificatePem: string;
let certificateBase64: string;
let validate: MasSchemaValidator;

beforeAll(async () => {
  const dir = await tempFolder('mas-migrator-saml-');
  const [cert, key] = [join(dir, 'idp.crt'), join(dir, 'idp.key')];
  await run(opensslPath, [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '30',
    '-subj',
    '/CN=idp.example.org',
  ]);
  certificatePem = await readFile(cert, 'utf8');
  certificateBase64 = certificatePem.replace(/-----[A-Z ]+-----|\s/g, '');
  validate = await loadMasSchema(reference('mas-config.schema.json'));
});

/** IdP metadata as IdPs publish it: namespace prefixes, the certificate folded over lines, several bindings. */
function idpEntity(entityId: string, options: { bindings?: string[]; use?: string; nameId?: string } = {}): string {
  const folded = certificateBase64.match(/.{1,76}/g)!.join('\n          ');
  return `<md:EntityDescriptor entityID="${entityId}">
    <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
      <md:KeyDescriptor${options.use ? ` use="${options.use}"` : ''}>
        <ds:KeyInfo><ds:X509Data><ds:X509Certificate>
          ${folded}
        </ds:X509Certificate></ds:X509Data></ds:KeyInfo>
      </md:KeyDescriptor>
      <md:NameIDFormat>${options.nameId ?? 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent'}</md:NameIDFormat>
      ${(options.bindings ?? [redirect, post]).map((b) => `<md:SingleSignOnService Binding="${b}" Location="${entityId}/sso?b=${b.slice(-4)}&amp;x=1"/>`).join('\n      ')}
    </md:IDPSSODescriptor>
  </md:EntityDescriptor>`;
}
/** The least MAS config its schema accepts (matrix and secrets are required), holding one provider. */
const masConfigWith = (provider: Json) => ({
  matrix: { homeserver: 'example.org', secret: 'shared', endpoint: 'https://matrix.example.org/' },
  secrets: { encryption: '0'.repeat(64), keys: [] },
  upstream_oauth2: { providers: [provider] },
});
const ns = 'xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#"';
const single = (entity: string) => `<?xml version="1.0"?>\n${entity.replace('<md:EntityDescriptor ', `<md:EntityDescriptor ${ns} `)}`;
const group = (...entities: string[]) => `<md:EntitiesDescriptor ${ns}>${entities.join('\n')}</md:EntitiesDescriptor>`;

describe('IdP metadata (SAML 2.0 metadata, for Dex’s saml connector)', () => {
  it('reads the HTTP-POST SSO URL, the signing certificate as PEM and the NameID formats', () => {
    const m = parseIdpMetadata(single(idpEntity('https://idp.example.org', { use: 'signing' })), 'idp.xml');
    expect(m.entityId).toBe('https://idp.example.org');
    expect(m.ssoUrl).toBe('https://idp.example.org/sso?b=POST&x=1');
    expect(m.signingCertificates).toEqual([certificatePem]);
    expect(m.nameIdFormats).toEqual(['urn:oasis:names:tc:SAML:2.0:nameid-format:persistent']);
  });

  it('chooses Synapse’s idp_entityid among several IdPs, and refuses to guess without it', () => {
    const xml = group(idpEntity('https://a.example.org'), idpEntity('https://b.example.org'));
    expect(parseIdpMetadata(xml, 'idp.xml', 'https://b.example.org').ssoUrl).toContain('https://b.example.org/sso');
    expect(() => parseIdpMetadata(xml, 'idp.xml')).toThrow(/idp\.xml: it describes 2 identity providers/);
    expect(() => parseIdpMetadata(xml, 'idp.xml', 'https://c.example.org')).toThrow(/no identity provider https:\/\/c\.example\.org/);
  });

  it.each([
    ['a DOCTYPE (entity attacks)', () => `<!DOCTYPE x [<!ENTITY a "b">]>${single(idpEntity('https://idp.example.org'))}`, /DOCTYPE/],
    ['no IdP', () => `<md:EntityDescriptor ${ns} entityID="sp"/>`, /no identity provider/],
    [
      'no HTTP-POST binding',
      () => single(idpEntity('https://idp.example.org', { bindings: [redirect] })),
      /no HTTP-POST SingleSignOnService/,
    ],
    ['only an encryption key', () => single(idpEntity('https://idp.example.org', { use: 'encryption' })), /no signing certificate/],
    ['broken XML', () => '<md:EntityDescriptor><unclosed>', /not well-formed XML|no identity provider/],
  ])('%s is a clear saml-metadata error naming the source', (_what, metadata, message) => {
    const xml = metadata();
    expect(() => parseIdpMetadata(xml, '/etc/synapse/idp.xml')).toThrow(message);
    try {
      parseIdpMetadata(xml, '/etc/synapse/idp.xml');
    } catch (error) {
      expect(error).toMatchObject({ code: 'saml-metadata', message: expect.stringContaining('/etc/synapse/idp.xml') });
    }
  });
});

describe('Synapse’s saml2_config', () => {
  it('names its metadata files and URLs, its IdP and its own entity ID', () => {
    expect(
      synapseSamlSettings({
        sp_config: {
          entityid: 'https://matrix.example.org/sp',
          metadata: { local: ['saml2/idp.xml'], remote: [{ url: 'https://idp.example.org/md' }] },
        },
        idp_entityid: 'https://idp.example.org',
      }),
    ).toEqual({
      metadata: [
        { kind: 'file', path: 'saml2/idp.xml' },
        { kind: 'url', url: 'https://idp.example.org/md' },
      ],
      idpEntityId: 'https://idp.example.org',
      spEntityId: 'https://matrix.example.org/sp',
    });
    expect(synapseSamlSettings({ sp_config: { metadata: { local: 'idp.xml' } } }).metadata).toEqual([{ kind: 'file', path: 'idp.xml' }]);
  });

  it('no metadata at all is an error that says what to do', () => {
    expect(() => synapseSamlSettings({ enabled: true })).toThrow(/names no IdP metadata/);
    expect(() => synapseSamlSettings({ sp_config: { metadata: { remote: ['https://x'] } } })).toThrow(/not as Synapse documents it/);
  });
});

describe('route (b): Dex’s saml connector (SPEC §12)', () => {
  const route = () =>
    dexSamlRoute({
      saml: { metadata: [], spEntityId: 'https://matrix.example.org/_synapse/client/saml2/metadata.xml' },
      metadata: parseIdpMetadata(single(idpEntity('https://idp.example.org')), 'idp.xml'),
      dexIssuer: 'https://dex.example.org/dex/',
      masPublicBase: 'https://auth.example.org/',
      now: new Date(),
    });

  it('fills exactly the connector fields Dex documents', () => {
    // Dex's SAML connector documentation (https://dexidp.io/docs/connectors/saml/), `config:` keys:
    // ssoURL (the IdP's SSO URL, POST binding), ca (a CA file path) or caData (base64 of the PEM), redirectURI
    // (Dex's callback), entityIssuer (Dex's entity ID; defaults to redirectURI), ssoIssuer (the expected
    // Issuer of responses), usernameAttr and emailAttr (assertion attributes mapped to the `name` and `email`
    // claims), groupsAttr (optional), nameIDPolicyFormat (short names such as `persistent` allowed).
    const documented = [
      'ssoURL',
      'ca',
      'caData',
      'redirectURI',
      'entityIssuer',
      'ssoIssuer',
      'usernameAttr',
      'emailAttr',
      'groupsAttr',
      'nameIDPolicyFormat',
    ];
    const connector = (route().dex.connectors as Json[])[0]!;
    expect({ type: connector.type, id: connector.id }).toEqual({ type: 'saml', id: 'saml' });
    expect(Object.keys(connector.config).filter((k) => !documented.includes(k))).toEqual([]);
    expect(connector.config).toEqual({
      ssoURL: 'https://idp.example.org/sso?b=POST&x=1',
      caData: Buffer.from(certificatePem).toString('base64'),
      redirectURI: 'https://dex.example.org/dex/callback',
      entityIssuer: 'https://matrix.example.org/_synapse/client/saml2/metadata.xml',
      ssoIssuer: 'https://idp.example.org',
      usernameAttr: 'uid',
      emailAttr: 'email',
      nameIDPolicyFormat: 'persistent',
    });
  });

  it('has MAS’s confidential client (its callback for the new provider) and the test login’s public client', () => {
    const { dex, masProvider } = route();
    const [mas, testLogin] = dex.staticClients as Json[];
    expect(mas).toMatchObject({ id: 'mas', redirectURIs: [`https://auth.example.org/upstream/callback/${masProvider.id}`] });
    expect(mas!.secret).toBe(masProvider.client_secret);
    expect(mas!.secret.length).toBeGreaterThanOrEqual(43);
    // Dex lets a public client redirect to any loopback port (dexidp/dex#469): the test login's listener port is ephemeral.
    expect(testLogin).toEqual({ id: testLoginClientId, name: 'MAS Migrator test login', public: true });
    expect(dex.issuer).toBe('https://dex.example.org/dex');
  });

  it('gives MAS a provider taking over the saml links by the name claim, valid against MAS’s schema', () => {
    const { masProvider } = route();
    expect(masProvider).toMatchObject({
      synapse_idp_id: 'saml',
      issuer: 'https://dex.example.org/dex',
      client_id: 'mas',
      token_endpoint_auth_method: 'client_secret_basic',
      claims_imports: { subject: { template: '{{ user.name }}' } },
    });
    expect(validate(masConfigWith(masProvider))).toEqual([]);
    expect(validate(masConfigWith({ ...masProvider, token_endpoint_auth_method: 'bogus' }))).not.toEqual([]);
    // Dex puts the uid attribute in `name`: the template yields exactly what Synapse stored as external_id.
    const subject = evaluateSubjectTemplate((masProvider.claims_imports as Json).subject.template, { sub: 'opaque', name: 'jdoe' });
    expect(subject).toEqual({ kind: 'value', value: 'jdoe' });
  });

  it('warns that Dex calls the connector unmaintained, and says what to register at the IdP', () => {
    const ids = route().warnings.map((w) => w.id);
    expect(ids).toEqual(['saml-dex-connector', 'saml-register-dex']);
    expect(route().warnings[0]!.message).toMatch(/unmaintained and likely vulnerable to authentication bypass.*OpenID Connect side/);
  });

  it('warns about an expired signing certificate and a NameID format the IdP does not list', () => {
    const { warnings } = dexSamlRoute({
      saml: { metadata: [] },
      metadata: parseIdpMetadata(
        single(idpEntity('https://idp.example.org', { nameId: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient' })),
        'idp.xml',
      ),
      dexIssuer: 'https://dex.example.org',
      masPublicBase: 'https://auth.example.org',
      now: new Date(Date.now() + 365 * 86_400_000),
    });
    expect(warnings.map((w) => w.id)).toEqual([
      'saml-dex-connector',
      'saml-register-dex',
      'saml-nameid-format',
      'saml-certificate-expired',
    ]);
  });
});

describe('route (a): the IdP’s own OpenID Connect side (SPEC §12, preferred)', () => {
  it('is a MAS provider for the saml links whose subject template yields the uid claim, valid against MAS’s schema', () => {
    const provider = samlOidcSideProvider({ issuer: 'https://idp.example.org/realms/main', clientId: 'mas', clientSecret: 's3cret' });
    expect(provider).toMatchObject({
      synapse_idp_id: 'saml',
      token_endpoint_auth_method: 'client_secret_basic',
      claims_imports: { subject: { template: '{{ user.preferred_username }}' } },
    });
    expect(validate(masConfigWith(provider))).toEqual([]);
    const publicClient = samlOidcSideProvider({ issuer: 'https://idp.example.org', clientId: 'mas', uidClaim: 'uid' });
    expect(publicClient).toMatchObject({ token_endpoint_auth_method: 'none', claims_imports: { subject: { template: '{{ user.uid }}' } } });
    expect(publicClient).not.toHaveProperty('client_secret');
    expect(validate(masConfigWith(publicClient))).toEqual([]);
  });
});

describe('remote metadata is fetched over HTTPS only', () => {
  it('refuses a plain http:// URL', async () => {
    await expect(fetchSamlMetadata('http://idp.example.org/metadata')).rejects.toMatchObject({
      code: 'saml-metadata',
      message: expect.stringContaining('only an https:// URL is fetched'),
    });
  });

  it('an unreachable server is a saml-metadata error naming the URL', async () => {
    await expect(fetchSamlMetadata('https://127.0.0.1:9/metadata', 2000)).rejects.toMatchObject({
      code: 'saml-metadata',
      message: expect.stringContaining('https://127.0.0.1:9/metadata: it could not be fetched'),
    });
  });
});
