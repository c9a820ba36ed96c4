import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ulidToUuid } from '../../../src-main/engine/mas/ulid-ids';
import { masLdapProvider } from '../../../src-main/engine/directory/mas-ldap-provider';
import { directoryBase, directoryLdif, hostileUid, numbered } from '../../fixtures/directory-entries';
import { ldapHomeserver } from '../../fixtures/ldap-homeserver';
import { runCliCaptured } from '../../helpers/cli';
import { databaseWithSchema, withClient } from '../../helpers/databases';
import { type TestSlapd, slapdPath, startSlapd } from '../../helpers/slapd';
import { hasTool } from '../../helpers/tools';
import { tempFolder } from '../../helpers/temp-folders';

const serverName = 'example.org';
const ldapProviderUlid = '01HZX5Y3T2QW8V7N6M5K4J3H2G';
/** More entries than one page of the default size (500), on top of the fixture's. */
const extraEntries = 450;
const extra = (i: number) => `Extra${String(i).padStart(3, '0')}`;

function extraLdif(): string {
  return Array.from(
    { length: extraEntries },
    (_, i) => `dn: uid=${extra(i)},ou=people,${directoryBase}\nobjectClass: inetOrgPerson\nuid: ${extra(i)}\ncn: ${extra(i)}\nsn: x\n`,
  ).join('\n');
}

/** Synapse's users as the module registered them (lowercased login, no password), and a few it did not. */
function synapseUsersSql(): string {
  const user = (localpart: string, more: { hash?: string; guest?: boolean; appservice?: string; created?: number } = {}) =>
    `(${[
      `'@${localpart.replace(/'/g, "''")}:${serverName}'`,
      more.hash ? `'${more.hash}'` : 'NULL',
      more.created ?? 1_700_000_000,
      0,
      more.guest ? 1 : 0,
      more.appservice ? `'${more.appservice}'` : 'NULL',
      0,
      'false',
    ].join(', ')})`;
  const rows = [
    user('alice'),
    user(hostileUid.toLowerCase()),
    user('bob'),
    // Both uids of the one entry uid=Dave (Dave, dave.smith): it carries two users', so neither is linked.
    user('dave'),
    user('dave.smith'),
    user('carol'),
    user('frank'),
    user('zed', { hash: '$2b$12$zedzedzedzedzedzedzedzedzedzedzedzedzedzedzedzedzedze' }),
    ...Array.from({ length: 119 }, (_, i) =>
      user(numbered(i).toLowerCase(), { guest: i === 118, ...(i === 117 ? { appservice: 'irc' } : {}), created: 1_700_000_000 + i }),
    ),
    ...Array.from({ length: extraEntries }, (_, i) => user(extra(i).toLowerCase())),
  ];
  return `INSERT INTO users (name, password_hash, creation_ts, admin, is_guest, appservice_id, deactivated, locked) VALUES ${rows.join(',\n')};
    -- The same link as the directory's, and another subject on the same provider.
    INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES
      ('ldap', 'User001', '@user001:${serverName}'), ('ldap', 'legacy-002', '@user002:${serverName}');`;
}

interface Setup {
  synapse: string;
  mas: string;
  args: string[];
  dir: string;
}

async function writeConfigs(slapd: TestSlapd, bind: { bind_password_file: string } | { bind_password: string }): Promise<Setup> {
  const synapse = await databaseWithSchema('synapse');
  const mas = await databaseWithSchema('mas');
  await withClient(synapse, (c) => c.query(synapseUsersSql()));
  const dir = await tempFolder('syn2mas-ldap-');
  const homeserver = ldapHomeserver(serverName, synapse, slapd, bind);
  // The provider exactly as `config generate --dex-output` adds it.
  const provider = masLdapProvider({ id: ldapProviderUlid, issuer: 'https://dex.example.org/dex', clientSecret: 'dex-client-secret' });
  const masConfig = {
    database: { uri: mas },
    matrix: { homeserver: serverName, endpoint: `https://matrix.${serverName}/`, secret: 'matrix-secret' },
    passwords: { enabled: true, schemes: [{ version: 1, algorithm: 'bcrypt', unicode_normalization: true }] },
    secrets: { encryption: '0f'.repeat(32) },
    upstream_oauth2: { providers: [provider] },
  };
  await writeFile(join(dir, 'homeserver.yaml'), stringify(homeserver));
  await writeFile(join(dir, 'mas.yaml'), stringify(masConfig));
  return { synapse, mas, dir, args: ['--config', join(dir, 'mas.yaml'), '--synapse-config', join(dir, 'homeserver.yaml')] };
}

/** MAS's links of the ldap provider, row by row: user, subject, account name, created_at (s). */
async function ldapLinks(mas: string): Promise<string[][]> {
  return withClient(mas, async (c) => {
    const { rows } = await c.query<{ username: string; subject: string; human: string | null; created: string }>(
      `SELECT u.username, l.subject, l.human_account_name AS human, extract(epoch FROM l.created_at)::bigint::text AS created
       FROM upstream_oauth_links l JOIN users u ON u.user_id = l.user_id
       WHERE l.upstream_oauth_provider_id = '${ulidToUuid(ldapProviderUlid)}'
       ORDER BY u.username COLLATE "C", l.subject COLLATE "C"`,
    );
    return rows.map((r) => [r.username, r.subject, r.human ?? '', r.created]);
  });
}

/** Every uniquely matched user's link, as SPEC §11 says, plus user002's own user_external_ids row. */
function expectedLinks(): string[][] {
  const at = (created = 1_700_000_000) => String(created);
  const rows = [
    ['alice', 'Alice', 'Alice', at()],
    [hostileUid.toLowerCase(), hostileUid, hostileUid, at()],
    ...Array.from({ length: 117 }, (_, i) => [numbered(i).toLowerCase(), numbered(i), numbered(i), at(1_700_000_000 + i)]),
    ['user002', 'legacy-002', '', at(1_700_000_002)],
    ...Array.from({ length: extraEntries }, (_, i) => [extra(i).toLowerCase(), extra(i), extra(i), at()]),
  ];
  const bytes = (s: string) => Buffer.from(s);
  return rows.sort((a, b) => Buffer.compare(bytes(a[0]!), bytes(b[0]!)) || Buffer.compare(bytes(a[1]!), bytes(b[1]!)));
}

describe.runIf(hasTool(slapdPath, 'slapd'))('an LDAP homeserver through the command line, with a real slapd (SPEC §11)', () => {
  let slapd: TestSlapd;
  let passwordFile: string;

  beforeAll(async () => {
    slapd = await startSlapd();
    await slapd.add(directoryLdif());
    await slapd.add(extraLdif());
    passwordFile = join(slapd.certs.dir, 'bind-password');
    await writeFile(passwordFile, `${slapd.adminPassword}\n`, { mode: 0o600 });
  });
  afterAll(async () => {
    await slapd?.stop();
  });

  it('check names the unmatched and ambiguous users; migrate links every uniquely matched user; verify finds 0 differences, then a tampered link', async () => {
    const { mas, args } = await writeConfigs(slapd, { bind_password_file: passwordFile });
    const check = await runCliCaptured(['syn2mas', 'check', ...args, '--json']);
    const findings = JSON.parse(check.stdout).findings as { id: string; message: string; count?: number; examples?: string[] }[];
    const byId = Object.fromEntries(findings.map((f) => [f.id, f]));
    expect(byId['ldap-unmatched-users']!.examples).toEqual(['carol', 'frank']);
    expect(byId['ldap-ambiguous']!.examples).toEqual([
      expect.stringMatching(/^bob: uid=Bob,ou=people.* \| uid=bob,ou=staff/),
      // Synapse's order of user IDs: '@dave.smith:' before '@dave:'.
      `dave.smith: uid=Dave,ou=people,${directoryBase} (carries the uids of dave, dave.smith)`,
      `dave: uid=Dave,ou=people,${directoryBase} (carries the uids of dave, dave.smith)`,
    ]);
    expect(byId['ldap-ambiguous']!.message).toContain("one entry carries several users' uids");
    expect(byId['ldap-links']!.count).toBe(2 + 117 + extraEntries);
    // The module is handled by the ldap provider: no "custom password provider" warning.
    expect(byId['password-provider-custom']).toBeUndefined();
    expect(byId['ldap-provider-missing']).toBeUndefined();
    expect(check.code).toBe(11);

    const migrate = await runCliCaptured(['syn2mas', 'migrate', ...args, '--json']);
    expect(migrate.stderr).not.toContain('ERROR');
    expect(migrate.code).toBe(0);
    const report = JSON.parse(migrate.stdout);
    const links = report.entities.find((e: { stage: string }) => e.stage === 'external-ids');
    // 569 directory links and user002's own row (user001's is the same link as the directory's); bob, dave and dave.smith are ambiguous.
    expect(links).toMatchObject({ migrated: 2 + 117 + extraEntries + 2, skipped: { 'ldap-ambiguous': 3 } });
    const found = await ldapLinks(mas);
    expect(found).toEqual(expectedLinks());
    for (const name of ['bob', 'dave', 'dave.smith', 'carol', 'frank', 'zed', 'user117', 'user118'])
      expect(found.map((r) => r[0])).not.toContain(name);

    const verify = await runCliCaptured(['syn2mas', 'verify', ...args, '--json']);
    const result = JSON.parse(verify.stdout);
    expect(result.tables.find((t: { table: string }) => t.table === 'upstream_oauth_links')).toMatchObject({
      expected: found.length,
      found: found.length,
      matching: found.length,
      differences: [],
    });
    expect(verify.code).toBe(0);

    await withClient(mas, (c) =>
      c.query(`UPDATE upstream_oauth_links SET subject = 'Mallory' WHERE user_id = (SELECT user_id FROM users WHERE username = 'alice')`),
    );
    const tampered = await runCliCaptured(['syn2mas', 'verify', ...args, '--json']);
    expect(tampered.code).toBe(12);
    const table = JSON.parse(tampered.stdout).tables.find((t: { table: string }) => t.table === 'upstream_oauth_links');
    expect(table.differences).toEqual([
      { kind: 'missing', count: 1, examples: [{ userId: `@alice:${serverName}`, deviceId: null }] },
      { kind: 'unexpected', count: 1, examples: [{ userId: `@alice:${serverName}`, deviceId: null }] },
    ]);
  });

  it('an interrupted run, resumed, gives the same links', async () => {
    const { mas, args } = await writeConfigs(slapd, { bind_password_file: passwordFile });
    const controller = new AbortController();
    const interrupted = await runCliCaptured(['syn2mas', 'migrate', ...args], {
      interrupts: () => controller.signal,
      onStderr: (t) => {
        if (/^› [^:]+: /.test(t)) controller.abort(); // an entity stage is writing
      },
    });
    expect(interrupted.code).toBe(130);
    const again = await runCliCaptured(['syn2mas', 'migrate', ...args]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('(continued an interrupted run)');
    expect(await ldapLinks(mas)).toEqual(expectedLinks());
  });

  it('a wrong bind password: check exits 10 with ldap-bind-failed naming the URI, never the password', async () => {
    const { args } = await writeConfigs(slapd, { bind_password: 'Wrong-Secret-42' });
    const check = await runCliCaptured(['syn2mas', 'check', ...args]);
    expect(check.code).toBe(10);
    expect(check.stdout).toMatch(new RegExp(`^ERROR \\[ldap-bind-failed\\] .*ldap://localhost:${slapd.ldapPort}`, 'm'));
    expect(check.stdout + check.stderr).not.toContain('Wrong-Secret-42');
  });

  it('--ldap-id-attribute entryUUID: the links carry the entries’ entryUUID; migrate --verify and verify agree', async () => {
    const { mas, args } = await writeConfigs(slapd, { bind_password_file: passwordFile });
    // migrate --verify: the run proves its own links right after its commit.
    const migrate = await runCliCaptured(['syn2mas', 'migrate', ...args, '--ldap-id-attribute', 'entryUUID', '--verify', '--json']);
    expect(migrate.code).toBe(0);
    expect(JSON.parse(migrate.stdout).verification.outcome).toBe('match');
    const alice = (await ldapLinks(mas)).find((r) => r[0] === 'alice')!;
    expect(alice[1]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(alice[2]).toBe('Alice');
    const verify = await runCliCaptured(['syn2mas', 'verify', ...args, '--ldap-id-attribute', 'entryUUID']);
    expect(verify.code).toBe(0);
  });
});
