import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli } from '../../helpers/cli';
import { writeIdpMetadata } from '../../helpers/bridge-homeserver';
import { synapseFixture, yamlFiles } from '../config/fixtures';

async function ldapHomeserver() {
  const [file] = await yamlFiles('placeholder: true');
  const dir = dirname(file!);
  const passwordFile = join(dir, 'ldap-bind-password');
  await writeFile(passwordFile, 'Bind-Secret-7\n');
  const homeserver = join(dir, 'homeserver.yaml');
  await writeFile(
    homeserver,
    [
      'server_name: example.org',
      'public_baseurl: https://matrix.example.org/',
      'modules:',
      '  - module: ldap_auth_provider.LdapAuthProviderModule',
      '    config:',
      '      enabled: true',
      '      uri: ldap://ldap.example.org',
      '      start_tls: true',
      '      base: ou=users,dc=example,dc=org',
      '      attributes: { uid: uid, mail: mail, name: cn }',
      '      bind_dn: cn=synapse,dc=example,dc=org',
      `      bind_password_file: ${passwordFile}`,
      '      filter: "(objectClass=inetOrgPerson)"',
      '',
    ].join('\n'),
  );
  return { dir, homeserver };
}

describe('mas-migrator config generate --dex-output (SPEC §11)', () => {
  it("writes Dex's config beside the MAS config, sharing the client secret and the provider's ULID", async () => {
    const { dir, homeserver } = await ldapHomeserver();
    const [mas, dex] = [join(dir, 'mas.yaml'), join(dir, 'dex.yaml')];
    const args = ['--synapse-config', homeserver, '--output', mas, '--dex-output', dex, '--dex-issuer', 'https://dex.example.org/dex'];
    const result = await cli('config', 'generate', ...args, '--ldap-id-attribute', 'entryUUID');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`Wrote Dex's config to ${dex}.`);
    expect(result.stderr).toContain(`Wrote the MAS config to ${mas}.`);
    // Secrets go to the files only, never to the terminal.
    expect(result.stdout + result.stderr).not.toContain('Bind-Secret-7');
    const masConfig = parse(await readFile(mas, 'utf8'));
    const dexConfig = parse(await readFile(dex, 'utf8'));
    const [provider] = masConfig.upstream_oauth2.providers;
    expect(provider).toMatchObject({ synapse_idp_id: 'ldap', issuer: 'https://dex.example.org/dex', client_id: 'mas' });
    expect(dexConfig.staticClients).toEqual([
      expect.objectContaining({
        id: 'mas',
        secret: provider.client_secret,
        redirectURIs: [`${masConfig.http.public_base}upstream/callback/${provider.id}`],
      }),
      { id: 'mas-migrator-test-login', name: 'MAS Migrator test login', public: true },
    ]);
    expect(dexConfig.connectors[0].config).toMatchObject({
      host: 'ldap.example.org:389',
      startTLS: true,
      bindPW: 'Bind-Secret-7',
      userSearch: { idAttr: 'entryUUID', username: 'uid' },
    });

    const again = await cli('config', 'generate', '--synapse-config', homeserver, '--output', join(dir, 'other.yaml'), '--dex-output', dex);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${dex} already exists; nothing was written.`);
    expect((await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort()).toEqual([
      'dex.yaml',
      'file1.yaml',
      'homeserver.yaml',
      'mas.yaml',
    ]);
  });

  it('refuses --dex-output for a homeserver with neither the module nor SAML', async () => {
    const { dir } = await ldapHomeserver();
    const result = await cli(
      'config',
      'generate',
      '--synapse-config',
      synapseFixture('oidc-jinja.yaml'),
      '--dex-output',
      join(dir, 'dex.yaml'),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/configures neither a matrix-synapse-ldap3 module nor saml2_config/);
  });

  /** homeserver.yaml with saml2_config naming a local metadata file, as Synapse's pysaml2 reads it; `ldap` keeps the module too. */
  async function samlHomeserver(ldap: boolean) {
    const { dir, homeserver } = await ldapHomeserver();
    const metadata = await writeIdpMetadata(dir);
    const text = await readFile(homeserver, 'utf8');
    const saml = `saml2_config:\n  enabled: true\n  sp_config:\n    metadata:\n      local: [${metadata}]\n`;
    await writeFile(homeserver, ldap ? `${text}${saml}` : `server_name: example.org\npublic_baseurl: https://matrix.example.org/\n${saml}`);
    return { dir, homeserver, mas: join(dir, 'mas.yaml'), dex: join(dir, 'dex.yaml') };
  }

  const generateWithDex = (h: { homeserver: string; mas: string; dex: string }) =>
    cli(
      'config',
      'generate',
      '--synapse-config',
      h.homeserver,
      '--output',
      h.mas,
      '--dex-output',
      h.dex,
      '--dex-issuer',
      'https://dex.example.org/dex',
    );

  it("SAML alone (SPEC §12 route b): Dex's saml connector from the local metadata, MAS's client and the test login's, and the provider for saml links", async () => {
    const h = await samlHomeserver(false);
    const result = await generateWithDex(h);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('saml-dex-connector');
    const dex = parse(await readFile(h.dex, 'utf8'));
    const [provider] = parse(await readFile(h.mas, 'utf8')).upstream_oauth2.providers;
    expect(provider).toMatchObject({
      synapse_idp_id: 'saml',
      issuer: 'https://dex.example.org/dex',
      claims_imports: { subject: { template: '{{ user.name }}' } },
    });
    expect(dex.connectors).toEqual([
      expect.objectContaining({
        type: 'saml',
        config: expect.objectContaining({ ssoURL: 'https://idp.example.org/sso', usernameAttr: 'uid' }),
      }),
    ]);
    expect(dex.staticClients).toEqual([
      expect.objectContaining({ id: 'mas', secret: provider.client_secret }),
      { id: 'mas-migrator-test-login', name: 'MAS Migrator test login', public: true },
    ]);
  });

  it('LDAP and SAML: one Dex file with both connectors, one client for MAS whose secret both providers share, each provider’s callback registered', async () => {
    const h = await samlHomeserver(true);
    const result = await generateWithDex(h);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('dex-two-connectors');
    const dex = parse(await readFile(h.dex, 'utf8'));
    const masConfig = parse(await readFile(h.mas, 'utf8'));
    const providers = masConfig.upstream_oauth2.providers as {
      id: string;
      synapse_idp_id: string;
      client_secret: string;
    }[];
    expect(providers.map((p) => p.synapse_idp_id)).toEqual(['ldap', 'saml']);
    expect(dex.connectors.map((c: { type: string }) => c.type)).toEqual(['ldap', 'saml']);
    expect(dex.staticClients).toEqual([
      expect.objectContaining({
        id: 'mas',
        secret: providers[0]!.client_secret,
        redirectURIs: providers.map((p) => `${masConfig.http.public_base}upstream/callback/${p.id}`),
      }),
      { id: 'mas-migrator-test-login', name: 'MAS Migrator test login', public: true },
    ]);
    expect(providers[1]!.client_secret).toBe(providers[0]!.client_secret);
  });

  it('SAML through Dex needs --dex-issuer', async () => {
    const h = await samlHomeserver(false);
    const result = await cli('config', 'generate', '--synapse-config', h.homeserver, '--output', h.mas, '--dex-output', h.dex);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SAML through Dex needs --dex-issuer');
  });
});
