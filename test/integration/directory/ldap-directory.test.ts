import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../src-main/connect/free-port';
import { type DirectoryRecord, type DirectorySession, openDirectory } from '../../../src-main/connect/ldap/open-directory';
import type { DirectoryTarget } from '../../../src-main/connect/ldap/directory-target';
import { checkExitCode } from '../../../src-shared/domain/finding';
import { readLocalSecretFile } from '../../../src-main/engine/config/secret-files';
import { loadSynapseConfig } from '../../../src-main/engine/config/synapse/synapse-config';
import { checkDirectory, directoryConfigFindings } from '../../../src-main/engine/directory/check-directory';
import { localDirectoryAccess } from '../../../src-main/engine/directory/module-directory';
import { type DirectoryLink, linkDirectoryUsers } from '../../../src-main/engine/directory/directory-links';
import { entryOf, uidsQuery } from '../../../src-main/engine/directory/directory-query';
import { findLdapModule } from '../../../src-main/engine/directory/ldap-module';
import { moduleDirectoryTarget, readModuleFiles } from '../../../src-main/engine/directory/module-target';
import { readDirectoryIndex } from '../../../src-main/engine/directory/read-directory';
import {
  directoryBase,
  directoryFilter,
  directoryLdif,
  entriesInQuery,
  hostileUid,
  numbered,
  numberedEntries,
  synapseUsers,
} from '../../fixtures/directory-entries';
import { startSlapd, slapdPath, type TestSlapd } from '../../helpers/slapd';
import { yamlFiles } from '../../unit/config/fixtures';
import { hasTool } from '../../helpers/tools';
import { sessionTo, trustedKeyOf } from '../../helpers/ssh-routes';
import { startSshd, sshdPath, type TestSshd } from '../../helpers/sshd';
import type { SshSession } from '../../../src-main/connect/ssh/ssh-session';

interface ModuleYaml {
  uri: string | string[];
  start_tls?: boolean;
  validate_cert?: boolean;
  tls_options?: Record<string, unknown>;
  bind_password?: string;
}

describe.runIf(hasTool(slapdPath, 'slapd'))('the directory, read from a real OpenLDAP slapd (SPEC §11)', () => {
  let slapd: TestSlapd;
  let passwordFile: string;
  const sessions: DirectorySession[] = [];

  beforeAll(async () => {
    slapd = await startSlapd();
    await slapd.add(directoryLdif());
    passwordFile = join(slapd.certs.dir, 'bind-password');
    await writeFile(passwordFile, `${slapd.adminPassword}\n`, { mode: 0o600 });
  });
  afterAll(async () => {
    for (const s of sessions) await s.close();
    await slapd?.stop();
  });

  /** The module as homeserver.yaml configures it; the bind password comes from bind_password_file unless given inline. */
  async function moduleFor(settings: ModuleYaml) {
    const config = {
      enabled: true,
      base: directoryBase,
      attributes: { uid: 'uid', mail: 'mail', name: 'cn' },
      bind_dn: slapd.adminDn,
      filter: directoryFilter,
      ...(settings.bind_password ? {} : { bind_password_file: passwordFile }),
      ...settings,
    };
    const [file] = await yamlFiles(
      JSON.stringify({ server_name: 'example.org', modules: [{ module: 'ldap_auth_provider.LdapAuthProviderModule', config }] }),
    );
    const cfg = await loadSynapseConfig([file!]);
    const module = findLdapModule(cfg)!;
    const target = moduleDirectoryTarget(cfg, module, await readModuleFiles(module, readLocalSecretFile), 'this computer');
    return { cfg, module, target };
  }

  async function open(target: DirectoryTarget) {
    const session = await openDirectory(target);
    sessions.push(session);
    return session;
  }

  /** Every record of a search (Node 20 has no Array.fromAsync). */
  async function records(pages: AsyncIterable<DirectoryRecord[]>): Promise<DirectoryRecord[]> {
    const all: DirectoryRecord[] = [];
    for await (const page of pages) all.push(...page);
    return all;
  }

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (error: unknown) => error as { code: string; message: string },
    );

  it('reads every entry of base and filter having a uid, in pages of the asked size, and links users row by row', async () => {
    const { cfg, module, target } = await moduleFor({ uri: `ldap://127.0.0.1:${slapd.ldapPort}`, start_tls: false });
    const session = await open(target);
    const progress: number[] = [];
    const index = await readDirectoryIndex(session, cfg, module, { idAttribute: 'uid', pageSize: 50, onPage: (n) => progress.push(n) });
    // Simple paged results: three pages of at most 50 (the server sends what it has per page).
    expect(progress).toEqual([50, 100, entriesInQuery]);
    expect(index.entries).toBe(entriesInQuery);

    const linking = linkDirectoryUsers(synapseUsers(), index, { activeDirectory: false });
    const created = synapseUsers()[0]!.createdAt;
    const row = (localpart: string, subject: string, humanAccountName = subject): DirectoryLink => ({
      localpart,
      subject,
      humanAccountName,
      createdAt: created,
    });
    const expected = [
      row('alice', 'Alice'),
      row(hostileUid.toLowerCase(), hostileUid),
      ...Array.from({ length: numberedEntries - 3 }, (_, i) => row(numbered(i).toLowerCase(), numbered(i))),
      // Two uids, only one a user's: the ID is the first value as the directory returns it, the account name the value
      // that matched; last, as a user whose entry has several uids waits until every user is seen.
      row('dave.smith', 'Dave', 'dave.smith'),
    ];
    expect(linking.links).toEqual(expected);
    expect(linking.ambiguous).toEqual([
      { localpart: 'bob', dns: expect.arrayContaining([`uid=Bob,ou=people,${directoryBase}`, `uid=bob,ou=staff,${directoryBase}`]) },
    ]);
    expect(linking.unmatched).toEqual(['carol', 'frank']);
    expect(linking.missingId).toEqual([]);
    // User117's user is an application service's, User118's a guest's, User119 has none: three entries without a user to link.
    expect(linking.entriesWithoutUser).toBe(3);
  });

  it('gives the subject as the directory returns the chosen ID attribute (entryUUID)', async () => {
    const { cfg, module, target } = await moduleFor({ uri: `ldap://127.0.0.1:${slapd.ldapPort}` });
    const session = await open(target);
    const index = await readDirectoryIndex(session, cfg, module, { idAttribute: 'entryUUID' });
    const links = linkDirectoryUsers(synapseUsers(), index, { activeDirectory: false }).links;
    const [record] = await records(session.pages(uidsQuery(cfg, module, ['alice'], 'entryUUID')));
    const alice = entryOf(record!, 'uid', 'entryUUID');
    expect(alice.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(links.find((l) => l.localpart === 'alice')).toMatchObject({ subject: alice.id, humanAccountName: 'Alice' });
    expect(new Set(links.map((l) => l.subject)).size).toBe(links.length);
  });

  it('escapes a login put into a filter (RFC 4515): the hostile uid finds its one entry, "*" finds none', async () => {
    const { cfg, module, target } = await moduleFor({ uri: `ldap://127.0.0.1:${slapd.ldapPort}` });
    const session = await open(target);
    const found = async (login: string) => (await records(session.pages(uidsQuery(cfg, module, [login], 'uid')))).map((r) => r.dn);
    expect(uidsQuery(cfg, module, [hostileUid], 'uid').filter).toBe('(&(objectClass=inetOrgPerson)(uid=Eve\\2a\\28\\29\\5c))');
    expect(await found(hostileUid)).toEqual([`uid=Eve*()\\5C,ou=people,${directoryBase}`]);
    expect(await found('*')).toEqual([]);
    expect(await found('Alice)(uid=*')).toEqual([]);
  });

  it('connects with ldaps:// trusting the test CA, and refuses a certificate no trusted CA signed (ldap-tls)', async () => {
    const uri = `ldaps://localhost:${slapd.ldapsPort}`;
    const { target } = await moduleFor({ uri, tls_options: { ca_certs_file: slapd.certs.caFile } });
    expect((await open(target)).uri).toBe(uri);
    const { target: other } = await moduleFor({ uri, tls_options: { ca_certs_file: slapd.certs.otherCaFile } });
    const error = await failure(openDirectory(other));
    expect(error).toMatchObject({ code: 'ldap-tls' });
    expect(error.message).toContain(uri);
    // validate_cert: false connects as the module would, without checking.
    const { target: unchecked } = await moduleFor({ uri, validate_cert: false });
    expect((await open(unchecked)).uri).toBe(uri);
  });

  it('upgrades ldap:// with StartTLS, checking the certificate against the CA, and the name it is for', async () => {
    const uri = `ldap://localhost:${slapd.ldapPort}`;
    const { cfg, module, target } = await moduleFor({ uri, start_tls: true, tls_options: { ca_certs_file: slapd.certs.caFile } });
    const index = await readDirectoryIndex(await open(target), cfg, module, { idAttribute: 'uid' });
    expect(index.entries).toBe(entriesInQuery);
    const { target: wrongCa } = await moduleFor({ uri, start_tls: true, tls_options: { ca_certs_file: slapd.certs.otherCaFile } });
    expect(await failure(openDirectory(wrongCa))).toMatchObject({ code: 'ldap-tls' });
    // The certificate is for localhost, not 127.0.0.1.
    const { target: byAddress } = await moduleFor({
      uri: `ldap://127.0.0.1:${slapd.ldapPort}`,
      start_tls: true,
      tls_options: { ca_certs_file: slapd.certs.caFile },
    });
    expect(await failure(openDirectory(byAddress))).toMatchObject({ code: 'ldap-tls' });
  });

  it('a wrong bind password is ldap-bind-failed naming the URI, never the password', async () => {
    const uri = `ldap://127.0.0.1:${slapd.ldapPort}`;
    const { target } = await moduleFor({ uri, bind_password: 'Wrong-Secret-42' });
    const error = await failure(openDirectory(target));
    expect(error).toMatchObject({ code: 'ldap-bind-failed' });
    expect(error.message).toContain(uri);
    expect(error.message).toContain(slapd.adminDn);
    expect(JSON.stringify(error)).not.toContain('Wrong-Secret-42');
    expect(error.message).not.toContain('Wrong-Secret-42');
  });

  it('an unreachable directory is ldap-unreachable naming the URI; a list of URIs uses the first that answers', async () => {
    const dead = `ldap://127.0.0.1:${await freePort()}`;
    const { target } = await moduleFor({ uri: dead });
    const error = await failure(openDirectory(target));
    expect(error).toMatchObject({ code: 'ldap-unreachable' });
    expect(error.message).toContain(dead);
    const live = `ldap://127.0.0.1:${slapd.ldapPort}`;
    const { target: pool } = await moduleFor({ uri: [dead, live] });
    expect((await open(pool)).uri).toBe(live);
  });

  /** The configs' directory checks, then the directory's (as the check use case runs them). */
  async function checkWith(settings: ModuleYaml) {
    const { cfg, module } = await moduleFor(settings);
    const read = await checkDirectory({
      directory: { syn: cfg, module, ...localDirectoryAccess },
      users: async function* () {
        yield* synapseUsers();
      },
    });
    return [...directoryConfigFindings(cfg, undefined, { ignoreMissingAuthProviders: false }), ...read];
  }

  it('the check counts links and entries without a user, and names the unmatched and ambiguous users', async () => {
    const findings = await checkWith({
      uri: `ldap://localhost:${slapd.ldapPort}`,
      start_tls: true,
      tls_options: { ca_certs_file: slapd.certs.caFile },
    });
    const byId = Object.fromEntries(findings.map((f) => [f.id, f]));
    expect(Object.keys(byId).sort()).toEqual(['ldap-ambiguous', 'ldap-entries-without-user', 'ldap-links', 'ldap-unmatched-users']);
    // alice, eve and dave.smith, and user000…user116.
    expect(byId['ldap-links']!.count).toBe(3 + numberedEntries - 3);
    expect(byId['ldap-entries-without-user']!.count).toBe(3);
    expect(byId['ldap-unmatched-users']!.examples).toEqual(['carol', 'frank']);
    expect(byId['ldap-ambiguous']!.examples).toEqual([expect.stringMatching(/^bob: uid=Bob,ou=people.* \| uid=bob,ou=staff/)]);
    expect(checkExitCode(findings)).toBe(11);
  });

  it('the check with a wrong bind password is an ldap-bind-failed error naming the URI (exit code 10), and a plaintext warning', async () => {
    const uri = `ldap://127.0.0.1:${slapd.ldapPort}`;
    const findings = await checkWith({ uri, bind_password: 'Wrong-Secret-42' });
    expect(findings.map((f) => [f.id, f.severity])).toEqual([
      ['ldap-plaintext', 'warning'],
      ['ldap-bind-failed', 'error'],
    ]);
    expect(findings[1]!.message).toContain(uri);
    expect(JSON.stringify(findings)).not.toContain('Wrong-Secret-42');
    expect(checkExitCode(findings)).toBe(10);
  });

  it('without bind_dn, binds anonymously (as the module does) and reads what anonymous users may', async () => {
    const { cfg, module, target } = await moduleFor({ uri: `ldap://127.0.0.1:${slapd.ldapPort}` });
    const anonymous = { ...target, bindDn: undefined, bindPassword: undefined };
    // slapd's default access is read for everyone.
    expect((await readDirectoryIndex(await open(anonymous), cfg, module, { idAttribute: 'uid' })).entries).toBe(entriesInQuery);
  });

  it('a search base that does not exist is ldap-search-failed naming it', async () => {
    const { cfg, module, target } = await moduleFor({ uri: `ldap://127.0.0.1:${slapd.ldapPort}` });
    const session = await open(target);
    const missing = { ...module, settings: { ...module.settings, base: `ou=nobody,${slapd.suffix}` } };
    const error = await failure(readDirectoryIndex(session, cfg, missing, { idAttribute: 'uid' }));
    expect(error).toMatchObject({ code: 'ldap-search-failed' });
    expect(error.message).toContain(`ou=nobody,${slapd.suffix}`);
  });
});

describe.runIf(hasTool(slapdPath, 'slapd') && hasTool(sshdPath, 'openssh-server'))('the directory through an SSH route (real sshd)', () => {
  let slapd: TestSlapd;
  let sshd: TestSshd;
  let ssh: SshSession;
  beforeAll(async () => {
    [slapd, sshd] = await Promise.all([startSlapd(), startSshd()]);
    await slapd.add(directoryLdif());
    ssh = await sessionTo(sshd, { trusted: [trustedKeyOf(sshd)] });
  });
  afterAll(async () => {
    await ssh?.close();
    await Promise.all([slapd?.stop(), sshd?.stop()]);
  });

  const target = (uri: string, more: Partial<DirectoryTarget> = {}): DirectoryTarget => ({
    uris: [uri],
    startTls: false,
    validateCert: true,
    bindDn: slapd.adminDn,
    bindPassword: slapd.adminPassword,
    ...more,
  });

  it('reads the directory as the SSH server sees it: ldap://, StartTLS and ldaps:// with the test CA', async () => {
    const ca = await readFile(slapd.certs.caFile, 'utf8');
    const uris = [
      target(`ldap://127.0.0.1:${slapd.ldapPort}`),
      target(`ldap://localhost:${slapd.ldapPort}`, { startTls: true, ca }),
      target(`ldaps://localhost:${slapd.ldapsPort}`, { ca }),
    ];
    for (const t of uris) {
      const session = await openDirectory(t, { ssh });
      expect(session.description).toBe(`${t.uris[0]} via SSH ${ssh.description}`);
      let entries = 0;
      for await (const page of session.pages({ base: directoryBase, filter: '(uid=*)', attributes: ['uid'], pageSize: 40 })) {
        expect(page.length).toBeLessThanOrEqual(40);
        entries += page.length;
      }
      // Every entry with a uid under the base: the query's, and carol outside the filter.
      expect(entries).toBe(entriesInQuery + 1);
      await session.close();
    }
  });

  it('checks the certificate through the tunnel too, and names a directory the server cannot reach', async () => {
    const other = await readFile(slapd.certs.otherCaFile, 'utf8');
    const tls = await openDirectory(target(`ldaps://localhost:${slapd.ldapsPort}`, { ca: other }), { ssh }).catch((e) => e);
    expect(tls).toMatchObject({ code: 'ldap-tls' });
    const dead = `ldap://127.0.0.1:${await freePort()}`;
    const unreachable = await openDirectory(target(dead), { ssh }).catch((e) => e);
    expect(unreachable).toMatchObject({ code: 'ldap-unreachable' });
    expect(unreachable.message).toContain(dead);
  });
});
