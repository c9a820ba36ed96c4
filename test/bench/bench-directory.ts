import { masLdapProvider } from '../../src-main/engine/directory/mas-ldap-provider';
import { startSlapd, type TestSlapd } from '../helpers/slapd';

/** What `--ldap` adds to the bench's two configs: the module in homeserver.yaml, the provider for Dex in MAS's. */
export interface BenchDirectory {
  slapd: TestSlapd;
  synapseModule: Record<string, unknown>;
  masProvider: Record<string, unknown>;
}

/**
 * `npm run bench -- --ldap`: a throwaway slapd holding one entry per
 * generated user (uid `User<i>` for the localpart `user<i>`, as the module
 * registered them), loaded with slapadd before slapd starts.
 */
export async function startBenchDirectory(users: number): Promise<BenchDirectory> {
  const base = 'ou=users,dc=example,dc=org';
  const entries = [`dn: ${base}\nobjectClass: organizationalUnit\nou: users\n`];
  for (let i = 1; i <= users; i++)
    entries.push(
      `dn: uid=User${i},${base}\nobjectClass: inetOrgPerson\nuid: User${i}\ncn: User ${i}\nsn: ${i}\nmail: user${i}@example.org\n`,
    );
  const slapd = await startSlapd({ preload: entries.join('\n') });
  return {
    slapd,
    synapseModule: {
      module: 'ldap_auth_provider.LdapAuthProviderModule',
      config: {
        enabled: true,
        uri: `ldap://127.0.0.1:${slapd.ldapPort}`,
        base,
        attributes: { uid: 'uid', mail: 'mail', name: 'cn' },
        bind_dn: slapd.adminDn,
        bind_password: slapd.adminPassword,
        filter: '(objectClass=inetOrgPerson)',
      },
    },
    masProvider: masLdapProvider({
      id: '01HZX5Y3T2QW8V7N6M5K4J3H2G',
      issuer: 'https://dex.example.org/dex',
      clientSecret: 'bench-dex-secret',
    }),
  };
}
