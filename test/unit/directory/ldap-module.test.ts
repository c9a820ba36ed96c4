import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLocalSecretFile } from '../../../src-main/engine/config/secret-files';
import { loadSynapseConfig } from '../../../src-main/engine/config/synapse/synapse-config';
import { directoryQuery } from '../../../src-main/engine/directory/directory-query';
import { findLdapModule } from '../../../src-main/engine/directory/ldap-module';
import { moduleDirectoryTarget, readModuleFiles } from '../../../src-main/engine/directory/module-target';
import { yamlFiles } from '../config/fixtures';

const moduleYaml = (list: string, module: string, config: string) =>
  `server_name: example.org\n${list}:\n  - module: ${module}\n    config:\n${config
    .trim()
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n')}\n`;

const full = `
enabled: true
mode: search
uri: ["ldaps://ldap1.example.org", "ldaps://ldap2.example.org:1636"]
start_tls: false
validate_cert: true
tls_options: { ca_certs_file: /etc/ssl/ldap-ca.pem, ciphers: HIGH }
base: ou=users,dc=example,dc=org
attributes: { uid: sAMAccountName, mail: userPrincipalName, name: displayName }
bind_dn: cn=synapse,ou=services,dc=example,dc=org
bind_password_file: /etc/synapse/ldap-password
filter: "(objectClass=user)"
active_directory: true
default_domain: example.org
`;

async function load(text: string) {
  const [file] = await yamlFiles(text);
  return loadSynapseConfig([file!]);
}

describe("reading matrix-synapse-ldap3's settings (SPEC §11)", () => {
  it('reads every setting of the module in modules:', async () => {
    const cfg = await load(moduleYaml('modules', 'ldap_auth_provider.LdapAuthProviderModule', full));
    expect(findLdapModule(cfg)).toEqual({
      keyPath: ['modules', 0, 'config'],
      legacy: false,
      settings: {
        mode: 'search',
        uris: ['ldaps://ldap1.example.org', 'ldaps://ldap2.example.org:1636'],
        startTls: false,
        validateCert: true,
        tlsOptions: { ca_certs_file: '/etc/ssl/ldap-ca.pem', ciphers: 'HIGH' },
        base: 'ou=users,dc=example,dc=org',
        uidAttribute: 'sAMAccountName',
        mailAttribute: 'userPrincipalName',
        nameAttribute: 'displayName',
        bindDn: 'cn=synapse,ou=services,dc=example,dc=org',
        bindPassword: undefined,
        bindPasswordFile: '/etc/synapse/ldap-password',
        filter: '(objectClass=user)',
        activeDirectory: true,
        defaultDomain: 'example.org',
      },
    });
  });

  it('finds the legacy password_providers entry, with the module defaults', async () => {
    const cfg = await load(
      moduleYaml(
        'password_providers',
        'ldap_auth_provider.LdapAuthProvider',
        'uri: ldap://ldap.example.org\nbase: dc=example,dc=org\nattributes: { uid: uid }',
      ),
    );
    const module = findLdapModule(cfg)!;
    expect(module.legacy).toBe(true);
    expect(module.keyPath).toEqual(['password_providers', 0, 'config']);
    expect(module.settings).toMatchObject({
      mode: 'simple',
      uris: ['ldap://ldap.example.org'],
      startTls: false,
      validateCert: true,
      activeDirectory: false,
    });
  });

  it('ignores other modules and a module with enabled: false', async () => {
    expect(findLdapModule(await load(moduleYaml('modules', 'other_module.Thing', 'uri: x')))).toBeUndefined();
    const off = moduleYaml(
      'modules',
      'ldap_auth_provider.LdapAuthProviderModule',
      'enabled: false\nuri: ldap://x\nbase: dc=x\nattributes: {uid: uid}',
    );
    expect(findLdapModule(await load(off))).toBeUndefined();
  });

  it('names the file, line and key of a broken setting', async () => {
    const noUid = moduleYaml('modules', 'ldap_auth_provider.LdapAuthProviderModule', 'uri: ldap://x\nbase: dc=x\nattributes: {mail: mail}');
    const cfg = await load(noUid);
    expect(() => findLdapModule(cfg)).toThrow(/file1\.yaml.*modules\[0\]\.config\.attributes\.uid/);
    const badUri = await load(
      moduleYaml(
        'modules',
        'ldap_auth_provider.LdapAuthProviderModule',
        'uri: [ldap://ok, "http://web"]\nbase: dc=x\nattributes: {uid: uid}',
      ),
    );
    expect(() => findLdapModule(badUri)).toThrow(
      expect.objectContaining({ code: 'config-invalid', message: expect.stringContaining('modules[0].config.uri[1]') }),
    );
  });

  it('reads bind_password_file with the config reader, and says which file could not be read without printing any secret', async () => {
    const [file] = await yamlFiles('x: 1');
    const passwordFile = join(dirname(file!), 'ldap-password');
    await writeFile(passwordFile, 'S3cret-Bind\n');
    const config = (path: string) =>
      moduleYaml(
        'modules',
        'ldap_auth_provider.LdapAuthProviderModule',
        `uri: ldaps://ldap.example.org\nbase: dc=x\nattributes: {uid: uid}\nbind_dn: cn=bind\nbind_password_file: ${path}`,
      );
    const cfg = await load(config(passwordFile));
    const module = findLdapModule(cfg)!;
    const target = moduleDirectoryTarget(cfg, module, await readModuleFiles(module, readLocalSecretFile), 'this computer');
    expect(target).toMatchObject({
      uris: ['ldaps://ldap.example.org'],
      bindDn: 'cn=bind',
      bindPassword: 'S3cret-Bind',
      validateCert: true,
    });

    const missing = await load(config('/nonexistent/ldap-password'));
    const missingModule = findLdapModule(missing)!;
    const files = await readModuleFiles(missingModule, readLocalSecretFile);
    expect(files.bindPassword).toEqual({ unreadable: '/nonexistent/ldap-password' });
    expect(() => moduleDirectoryTarget(missing, missingModule, files, 'admin@synapse:22')).toThrow(
      expect.objectContaining({
        code: 'secret-unreadable',
        message: expect.stringMatching(/\/nonexistent\/ldap-password .*bind_password_file.* admin@synapse:22/),
      }),
    );
  });

  it("turns off the certificate check for validate_cert: false and for ldap3's validate: CERT_NONE", async () => {
    const with_ = async (extra: string) => {
      const cfg = await load(
        moduleYaml('modules', 'ldap_auth_provider.LdapAuthProviderModule', `uri: ldaps://l\nbase: dc=x\nattributes: {uid: uid}\n${extra}`),
      );
      const module = findLdapModule(cfg)!;
      return moduleDirectoryTarget(cfg, module, await readModuleFiles(module, readLocalSecretFile), 'here').validateCert;
    };
    expect(await with_('validate_cert: false')).toBe(false);
    expect(await with_('tls_options: { validate: ssl.CERT_NONE }')).toBe(false);
    expect(await with_('tls_options: { validate: 0 }')).toBe(false);
    expect(await with_('tls_options: { validate: ssl.CERT_REQUIRED }')).toBe(true);
  });

  it('a filter the LDAP library cannot parse is config-invalid naming the key, before any search', async () => {
    const cfg = await load(
      moduleYaml(
        'modules',
        'ldap_auth_provider.LdapAuthProviderModule',
        'uri: ldaps://l\nbase: dc=x\nattributes: {uid: uid}\nfilter: "(objectClass=person"',
      ),
    );
    expect(() => directoryQuery(cfg, findLdapModule(cfg)!, 'uid')).toThrow(
      expect.objectContaining({
        code: 'config-invalid',
        message: expect.stringMatching(/modules\[0\]\.config\.filter: "\(objectClass=person" is not an LDAP filter/),
      }),
    );
  });
});
