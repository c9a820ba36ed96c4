import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { masLdapProvider } from '../../../src-main/engine/directory/mas-ldap-provider';
import { directoryBase, directoryLdif, hostileUid } from '../../fixtures/directory-entries';
import { ldapHomeserver } from '../../fixtures/ldap-homeserver';
import { launchChromium } from '../../helpers/browser';
import { runCliCaptured } from '../../helpers/cli';
import { signInWith, startTestProvider, type TestProvider } from '../../helpers/oidc-test-provider';
import { type TestSlapd, slapdPath, startSlapd } from '../../helpers/slapd';
import { hasTool } from '../../helpers/tools';
import { synapseAndMas } from '../migration/database-pair';
import { tempFolder } from '../../helpers/temp-folders';

/**
 * `syn2mas test-login` through the provider with synapse_idp_id: ldap (SPEC
 * §12 with §11): the subject looked up in a real slapd by the run's own rule,
 * then in MAS after a real migration. Dex is not on this machine; a real
 * oidc-provider stands in for it with ID tokens shaped as Dex's documentation
 * says its LDAP connector makes them: `federated_claims: {connector_id,
 * user_id}` when the scope `federated:id` is asked (user_id = the connector's
 * idAttr), `preferred_username`, `name`, `email`, and an opaque `sub` that
 * encodes user and connector (here base64url of the two, as Dex's is; nothing
 * reads it).
 */
const serverName = 'example.org';
const providerUlid = '01HZX5Y3T2QW8V7N6M5K4J3H2G';

function dexSub(userId: string): string {
  const field = (tag: number, value: string) => Buffer.concat([Buffer.from([tag, Buffer.byteLength(value)]), Buffer.from(value)]);
  return Buffer.concat([field(0x0a, userId), field(0x12, 'ldap')]).toString('base64url');
}

/** A directory person as Dex's LDAP connector signs them in (idAttr and username: uid). */
function dexAccount(uid: string, name: string) {
  return {
    preferred_username: uid,
    name,
    email: `${uid.toLowerCase().replace(/[^a-z0-9.]/g, '')}@example.org`,
    federated_claims: { connector_id: 'ldap', user_id: uid },
  };
}

const people = { alice: 'Alice', hostile: hostileUid, bob: 'Bob', dave: 'Dave', mallory: 'Mallory' } as const;
const login = (who: keyof typeof people) => dexSub(people[who]);

describe.runIf(hasTool(slapdPath, 'slapd'))('test-login through the directory provider, with a real slapd (SPEC §11, §12)', () => {
  let slapd: TestSlapd;
  let idp: TestProvider;
  let browser: Browser;
  let args: string[];
  let wrongBindArgs: string[];

  beforeAll(async () => {
    slapd = await startSlapd();
    await slapd.add(directoryLdif());
    idp = await startTestProvider(Object.fromEntries(Object.values(people).map((uid) => [dexSub(uid), dexAccount(uid, `${uid} Person`)])));
    browser = await launchChromium();
    // Synapse's users as the module registered them: the login lowercased, no password, no external ID.
    const { synapse, mas } = await synapseAndMas((c) =>
      c.query(
        `INSERT INTO users (name, password_hash, creation_ts, admin, is_guest, appservice_id, deactivated, locked)
         SELECT '@' || l || ':${serverName}', NULL, 1700000000, 0, 0, NULL, 0, false FROM unnest($1::text[]) AS l`,
        [['alice', hostileUid.toLowerCase(), 'bob', 'dave', 'dave.smith', 'mallory']],
      ),
    );
    const dir = await tempFolder('test-login-ldap-');
    const homeserver = ldapHomeserver(serverName, synapse, slapd, { bind_password: slapd.adminPassword });
    // The provider exactly as `config generate --dex-output` adds it, with the stand-in's issuer.
    const provider = masLdapProvider({ id: providerUlid, issuer: idp.issuer, clientSecret: 'dex-client-secret' });
    const masConfig = {
      database: { uri: mas },
      matrix: { homeserver: serverName, endpoint: `https://matrix.${serverName}/`, secret: 'matrix-secret' },
      passwords: { enabled: true, schemes: [{ version: 1, algorithm: 'bcrypt' }] },
      secrets: { encryption: '0f'.repeat(32) },
      upstream_oauth2: { providers: [provider] },
    };
    await writeFile(join(dir, 'homeserver.yaml'), stringify(homeserver));
    const wrongBind = ldapHomeserver(serverName, synapse, slapd, { bind_password: 'not-the-password' });
    await writeFile(join(dir, 'homeserver-wrong-bind.yaml'), stringify(wrongBind));
    wrongBindArgs = ['--config', join(dir, 'mas.yaml'), '--synapse-config', join(dir, 'homeserver-wrong-bind.yaml')];
    await writeFile(join(dir, 'mas.yaml'), stringify(masConfig));
    args = ['--config', join(dir, 'mas.yaml'), '--synapse-config', join(dir, 'homeserver.yaml')];
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), idp?.close(), slapd?.stop()]);
  });

  /** The command as the admin runs it, the URL it prints signed in at as `who`; the browser step is awaited too. */
  async function testLogin(who: keyof typeof people, files = args) {
    let stderr = '';
    let signedIn: Promise<void> | undefined;
    const result = await runCliCaptured(['syn2mas', 'test-login', '--provider', providerUlid, ...files], {
      onStderr: (text) => {
        stderr += text;
        const url = /^ {2}(http\S+)$/m.exec(stderr)?.[1];
        if (url && !signedIn) signedIn = signInWith(browser, login(who))(url);
      },
    });
    await signedIn;
    return result;
  }

  it('a uniquely matched directory user names the Synapse user, before the migration', async () => {
    const result = await testLogin('alice');
    expect(result.stdout).toBe('This login is subject "Alice": it is @alice:example.org\'s link (in Synapse; it migrates unchanged).\n');
    expect(result.code).toBe(0);
  });

  it('the hostile uid Eve*()\\ is found exactly: its escaped filter finds its one entry', async () => {
    const result = await testLogin('hostile');
    expect(result.stdout).toBe(
      `This login is subject ${JSON.stringify(hostileUid)}: it is @${hostileUid.toLowerCase()}:example.org's link (in Synapse; it migrates unchanged).\n`,
    );
    expect(result.code).toBe(0);
  });

  it('an ambiguous uid (Bob and bob in two entries), an entry carrying two users, and a person outside the directory are linked to nobody, with the reason', async () => {
    const bob = await testLogin('bob');
    expect(bob.stdout).toMatch(
      /^This login is subject "Bob": it is linked to nobody \(@bob:example\.org matches 2 directory entries \(uid=(Bob|bob),ou=(people|staff),.*, so none is linked\): MAS would create a new account or refuse the login\.\n$/,
    );
    expect(bob.stdout).toContain(`uid=bob,ou=staff,${directoryBase}`);
    expect(bob.code).toBe(13);

    const dave = await testLogin('dave');
    expect(dave.stdout).toBe(
      `This login is subject "Dave": it is linked to nobody (the entry uid=Dave,ou=people,${directoryBase} carries the uids of several Synapse users (dave, dave.smith), so none is linked): MAS would create a new account or refuse the login.\n`,
    );
    expect(dave.code).toBe(13);

    // Synapse has @mallory, but the directory has no entry with uid Mallory: the rule links nobody.
    const mallory = await testLogin('mallory');
    expect(mallory.stdout).toBe(
      `This login is subject "Mallory": it is linked to nobody (no directory entry in ${directoryBase} has uid "Mallory"): MAS would create a new account or refuse the login.\n`,
    );
    expect(mallory.code).toBe(13);
  });

  it('a directory that refuses the bind is a login that could not be completed (exit 10), named with the URI, never the password', async () => {
    const result = await testLogin('alice', wrongBindArgs);
    // Said before any sign-in: no URL was printed for the admin to open.
    expect(result.stderr).not.toMatch(/^ {2}http/m);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`ldap://localhost:${slapd.ldapPort}`);
    expect(result.stderr).not.toContain('not-the-password');
    expect(result.code).toBe(10);
  });

  it('after `syn2mas migrate`, the same login is looked up in MAS: the migrated link', async () => {
    const migrated = await runCliCaptured(['syn2mas', 'migrate', ...args]);
    expect(migrated.code, migrated.stderr).toBe(0);
    const result = await testLogin('alice');
    expect(result.stdout).toBe('This login is subject "Alice": it is @alice:example.org\'s link (migrated from Synapse).\n');
    expect(result.code).toBe(0);
  });
});
