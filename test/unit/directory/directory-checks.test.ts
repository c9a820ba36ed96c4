import { describe, expect, it } from 'vitest';
import { checkExitCode } from '../../../src-shared/domain/finding';
import { AppError } from '../../../src-shared/errors';
import { loadMasConfig } from '../../../src-main/engine/config/mas/mas-config';
import { loadSynapseConfig } from '../../../src-main/engine/config/synapse/synapse-config';
import { checkDirectoryConfig, checkDirectoryLinks, directoryFailureFinding } from '../../../src-main/engine/directory/directory-checks';
import { DirectoryIndex, linkDirectoryUsers } from '../../../src-main/engine/directory/directory-links';
import { findLdapModule } from '../../../src-main/engine/directory/ldap-module';
import { linkCandidate } from '../../fixtures/directory-entries';
import { masFixture, yamlFiles } from '../config/fixtures';

async function synapseWith(uri: string, startTls = false) {
  const [file] = await yamlFiles(
    `server_name: example.org\nmodules:\n  - module: ldap_auth_provider.LdapAuthProviderModule\n    config:\n      uri: ${uri}\n      start_tls: ${startTls}\n      base: dc=x\n      attributes: {uid: uid}\n`,
  );
  const cfg = await loadSynapseConfig([file!]);
  return { cfg, module: findLdapModule(cfg)! };
}

async function masWith(providers: string) {
  const [file] = await yamlFiles(
    `matrix: { homeserver: example.org, secret: s, endpoint: http://x/ }\nupstream_oauth2:\n  providers: ${providers}\n`,
  );
  return loadMasConfig([file!]);
}

describe('the directory checks (SPEC §11)', () => {
  it('ldap-provider-missing is an error, or a warning with --ignore-missing-auth-providers; present, no finding', async () => {
    const { cfg, module } = await synapseWith('ldaps://l');
    const without = await masWith('[]');
    const error = checkDirectoryConfig(cfg, module, without, { ignoreMissingAuthProviders: false });
    expect(error).toEqual([expect.objectContaining({ id: 'ldap-provider-missing', severity: 'error', area: 'mas-config' })]);
    expect(checkDirectoryConfig(cfg, module, without, { ignoreMissingAuthProviders: true })[0]).toMatchObject({ severity: 'warning' });
    const withLdap = await masWith(
      '[{ id: 01HZZZZZZZZZZZZZZZZZZZZZZZ, synapse_idp_id: ldap, client_id: mas, token_endpoint_auth_method: none }]',
    );
    expect(checkDirectoryConfig(cfg, module, withLdap, { ignoreMissingAuthProviders: false })).toEqual([]);
  });

  it('ldap-plaintext: ldap:// without start_tls, naming the URI; not with StartTLS or ldaps', async () => {
    const plain = await synapseWith('ldap://dir.example.org');
    const findings = checkDirectoryConfig(plain.cfg, plain.module, undefined, { ignoreMissingAuthProviders: false });
    expect(findings).toEqual([
      expect.objectContaining({ id: 'ldap-plaintext', severity: 'warning', message: expect.stringContaining('ldap://dir.example.org') }),
    ]);
    expect(findings[0]!.source).toMatch(/modules\[0\]\.config\.uri/);
    const tls = await synapseWith('ldap://dir.example.org', true);
    expect(checkDirectoryConfig(tls.cfg, tls.module, undefined, { ignoreMissingAuthProviders: false })).toEqual([]);
  });

  it('a directory that could not be read is an error finding with its code (the check exits 10)', () => {
    const failure = directoryFailureFinding(
      new AppError('ldap-bind-failed', 'The directory ldap://d refused the bind as "cn=b".', 'Check.'),
    );
    expect(failure).toMatchObject({
      id: 'ldap-bind-failed',
      severity: 'error',
      code: 'ldap-bind-failed',
      message: expect.stringContaining('ldap://d'),
    });
    expect(checkExitCode([failure!])).toBe(10);
    expect(directoryFailureFinding(new AppError('ssh-auth-failed', 'x'))).toBeUndefined();
  });

  it('names the unmatched (up to 20) and the ambiguous users, and counts links and entries without a user', async () => {
    const { cfg, module } = await synapseWith('ldaps://l');
    const index = new DirectoryIndex();
    index.add({ dn: 'uid=Bob,ou=a', uids: ['Bob'], id: '1' });
    index.add({ dn: 'uid=bob,ou=b', uids: ['bob'], id: '2' });
    index.add({ dn: 'uid=ann', uids: ['Ann'], id: '3' });
    index.add({ dn: 'uid=zoe', uids: ['zoe'], id: '4' });
    const users = ['bob', 'ann', ...Array.from({ length: 25 }, (_, i) => `lost${i}`)].map((localpart) => linkCandidate(localpart));
    const findings = checkDirectoryLinks(linkDirectoryUsers(users, index, { activeDirectory: false }), cfg, module);
    const byId = Object.fromEntries(findings.map((f) => [f.id, f]));
    expect(byId['ldap-unmatched-users']).toMatchObject({ severity: 'warning', count: 25 });
    expect(byId['ldap-unmatched-users']!.examples).toHaveLength(20);
    expect(byId['ldap-ambiguous']).toMatchObject({ severity: 'warning', count: 1, examples: ['bob: uid=Bob,ou=a | uid=bob,ou=b'] });
    expect(byId['ldap-ambiguous']!.message).not.toContain('share');
    expect(byId['ldap-links']).toMatchObject({ severity: 'info', count: 1 });
    expect(byId['ldap-entries-without-user']).toMatchObject({ severity: 'info', count: 1 });
  });

  it("ldap-ambiguous says when one entry carries several users' uids, and names those users", async () => {
    const { cfg, module } = await synapseWith('ldaps://l');
    const index = new DirectoryIndex();
    index.add({ dn: 'uid=Bob,ou=a', uids: ['Bob'], id: '1' });
    index.add({ dn: 'uid=bob,ou=b', uids: ['bob'], id: '2' });
    index.add({ dn: 'uid=Dave,ou=a', uids: ['Dave', 'dave.smith'], id: '3' });
    const users = ['bob', 'dave', 'dave.smith'].map((localpart) => linkCandidate(localpart));
    const findings = checkDirectoryLinks(linkDirectoryUsers(users, index, { activeDirectory: false }), cfg, module);
    const ambiguous = findings.find((f) => f.id === 'ldap-ambiguous')!;
    expect(ambiguous).toMatchObject({
      count: 3,
      examples: [
        'bob: uid=Bob,ou=a | uid=bob,ou=b',
        'dave: uid=Dave,ou=a (carries the uids of dave, dave.smith)',
        'dave.smith: uid=Dave,ou=a (carries the uids of dave, dave.smith)',
      ],
    });
    expect(ambiguous.message).toContain('1 localpart is claimed by more than one directory entry');
    expect(ambiguous.message).toContain("2 users share a directory entry (one entry carries several users' uids)");
    expect(findings.find((f) => f.id === 'ldap-links')!.count).toBe(0);
  });

  it('names where MAS lists its providers when none of them is the ldap one', async () => {
    const { cfg, module } = await synapseWith('ldaps://l');
    const mas = await loadMasConfig([masFixture('matching-oidc-jinja.yaml')]);
    const [finding] = checkDirectoryConfig(cfg, module, mas, { ignoreMissingAuthProviders: false });
    expect(finding).toMatchObject({
      id: 'ldap-provider-missing',
      source: expect.stringMatching(/matching-oidc-jinja\.yaml.*upstream_oauth2\.providers/),
    });
  });
});
