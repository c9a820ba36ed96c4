import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli } from '../../helpers/cli';
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

  it('refuses --dex-output for a homeserver without the module', async () => {
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
    expect(result.stderr).toMatch(/configures no matrix-synapse-ldap3 module/);
  });
});
