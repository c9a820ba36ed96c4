import { randomBytes } from 'node:crypto';
import { AppError } from '../../src-shared/errors';
import { type debianSlapd, type LocalSlapd, startLocalSlapd } from '../connect/ldap/local-slapd';
import type { DatabaseRoute } from '../connect/postgres/database-route';

const suffix = 'dc=sandbox,dc=example,dc=org';
const base = `ou=people,${suffix}`;
const bindDn = `cn=synapse,ou=services,${suffix}`;

/**
 * The sandbox directory's people. Three match generated Synapse users by
 * uid in other cases than the localpart (the module lowercased the login
 * when it registered them); one has no Synapse user yet (MAS makes their
 * account on their first login). Passwords are sample data, documented, not secret.
 */
export const sandboxDirectoryUsers = [
  { uid: 'User5', name: 'Ulla Five', password: 'sandbox-ldap-5', localpart: 'user5' },
  { uid: 'USER7', name: 'Ugo Seven', password: 'sandbox-ldap-7', localpart: 'user7' },
  { uid: 'user10', name: 'Una Ten', password: 'sandbox-ldap-10', localpart: 'user10' },
  { uid: 'Newcomer', name: 'Nia Newcomer', password: 'sandbox-ldap-new', localpart: undefined },
] as const;

/** matrix-synapse-ldap3's `config` as the sandbox's homeserver.yaml carries it (SPEC §11). */
export type SandboxModuleConfig = Record<string, unknown>;

export interface SandboxDirectory {
  slapd: LocalSlapd;
  moduleConfig: SandboxModuleConfig;
}

function ldifOf(bindPassword: string): string {
  const entries = [
    `dn: ou=services,${suffix}\nobjectClass: organizationalUnit\nou: services`,
    // The account Synapse's module binds as; slapd's default access (read for all) lets it search.
    `dn: ${bindDn}\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\ncn: synapse\nuserPassword: ${bindPassword}`,
    `dn: ${base}\nobjectClass: organizationalUnit\nou: people`,
    ...sandboxDirectoryUsers.map((u) =>
      [
        `dn: uid=${u.uid},${base}`,
        'objectClass: inetOrgPerson',
        `uid: ${u.uid}`,
        `cn: ${u.name}`,
        `sn: ${u.name.split(' ').at(-1)}`,
        `mail: ${u.uid.toLowerCase()}@sandbox.example.org`,
        `userPassword: ${u.password}`,
      ].join('\n'),
    ),
  ];
  return `${entries.join('\n\n')}\n`;
}

/**
 * Starts the sandbox's directory (a local slapd with its people) and the
 * module config that reaches it; undefined with a notice saying what to
 * install when OpenLDAP is missing or does not start.
 */
export async function startSandboxDirectory(
  paths: Partial<typeof debianSlapd> | undefined,
): Promise<{ directory: SandboxDirectory } | { notice: string }> {
  let slapd: LocalSlapd;
  try {
    slapd = await startLocalSlapd({ suffix, ...(paths ? { paths } : {}) });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'sandbox-slapd-unavailable') throw error;
    return { notice: `${error.message} The sandbox runs without a directory (LDAP) to migrate. ${error.hint ?? ''}`.trim() };
  }
  try {
    const bindPassword = randomBytes(16).toString('hex');
    await slapd.add(ldifOf(bindPassword));
    const moduleConfig: SandboxModuleConfig = {
      enabled: true,
      uri: `ldap://127.0.0.1:${slapd.ldapPort}`,
      start_tls: false,
      base,
      attributes: { uid: 'uid', mail: 'mail', name: 'cn' },
      bind_dn: bindDn,
      bind_password: bindPassword,
      filter: '(objectClass=inetOrgPerson)',
    };
    return { directory: { slapd, moduleConfig } };
  } catch (error) {
    await slapd.stop();
    throw error;
  }
}

/**
 * Makes the directory people's Synapse users look as matrix-synapse-ldap3
 * registered them (SPEC §11): no password hash, no user_external_ids row.
 */
export async function markModuleUsers(synapse: DatabaseRoute, serverName: string): Promise<void> {
  const names = sandboxDirectoryUsers.flatMap((u) => (u.localpart ? [`@${u.localpart}:${serverName}`] : []));
  const client = await synapse.connect('mas-migrator-sandbox');
  try {
    await client.query('UPDATE users SET password_hash = NULL WHERE name = ANY($1)', [names]);
    await client.query('DELETE FROM user_external_ids WHERE user_id = ANY($1)', [names]);
  } finally {
    await client.end();
  }
}
