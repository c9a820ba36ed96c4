import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../src-main/connect/free-port';
import { makeTestCertificates, type TestCertificates } from './tls-certs';

const run = promisify(execFile);

export const slapdPath = '/usr/sbin/slapd';
const ldapaddPath = '/usr/bin/ldapadd';
const slapaddPath = '/usr/sbin/slapadd';

export interface TestSlapd {
  /** Plain LDAP on 127.0.0.1 (StartTLS offered; the certificate names `localhost`). */
  ldapPort: number;
  ldapsPort: number;
  /** `dc=example,dc=org` */
  suffix: string;
  adminDn: string;
  adminPassword: string;
  /** The test CA that signed the server's certificate (for `localhost`), and one that signed nothing. */
  certs: TestCertificates;
  /** Adds entries (LDIF) with ldapadd, as the admin. */
  add(ldif: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A throwaway OpenLDAP slapd (Debian's) on 127.0.0.1: a temporary folder, a
 * slapd.conf with one mdb database, the core/cosine/inetorgperson schemas,
 * ldap:// (with StartTLS) and ldaps:// on free ports, TLS from a test CA.
 * slapd forks once its ports are bound, so it is ready when the command returns.
 */
export interface SlapdOptions {
  /** Entries (LDIF) loaded with slapadd into the database before slapd starts: far faster than ldapadd for many entries. */
  preload?: string;
}

export async function startSlapd(options: SlapdOptions = {}): Promise<TestSlapd> {
  const dir = await mkdtemp(join(tmpdir(), 'mas-migrator-slapd-'));
  const certs = await makeTestCertificates();
  // slapd (running as whoever runs the tests) reads its own copy of the key: the PostgreSQL tests chown theirs.
  const keyFile = join(dir, 'server.key');
  await writeFile(keyFile, await readFile(certs.serverKeyFile), { mode: 0o600 });
  await mkdir(join(dir, 'db'));
  const suffix = 'dc=example,dc=org';
  const adminDn = `cn=admin,${suffix}`;
  const adminPassword = `admin-${Math.random().toString(36).slice(2)}`;
  // Paths are quoted: the test CA's file name has a space.
  const config = [
    ...['core', 'cosine', 'inetorgperson'].map((schema) => `include /etc/ldap/schema/${schema}.schema`),
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    `pidfile "${join(dir, 'slapd.pid')}"`,
    `TLSCACertificateFile "${certs.caFile}"`,
    `TLSCertificateFile "${certs.serverCertFile}"`,
    `TLSCertificateKeyFile "${keyFile}"`,
    'database mdb',
    'maxsize 104857600',
    `suffix "${suffix}"`,
    `rootdn "${adminDn}"`,
    `rootpw ${adminPassword}`,
    `directory "${join(dir, 'db')}"`,
  ].join('\n');
  await writeFile(join(dir, 'slapd.conf'), `${config}\n`);
  const suffixEntry = `dn: ${suffix}\nobjectClass: dcObject\nobjectClass: organization\no: Example\ndc: example\n`;
  if (options.preload !== undefined) {
    const file = join(dir, 'preload.ldif');
    await writeFile(file, `${suffixEntry}\n${options.preload}`);
    // -q: no consistency checks, as for a bulk load of a fresh database.
    await run(slapaddPath, ['-q', '-f', join(dir, 'slapd.conf'), '-l', file]);
  }
  const [ldapPort, ldapsPort] = [await freePort(), await freePort()];
  const urls = `ldap://127.0.0.1:${ldapPort}/ ldaps://127.0.0.1:${ldapsPort}/`;
  await run(slapdPath, ['-f', join(dir, 'slapd.conf'), '-h', urls]);
  const pid = Number((await readFile(join(dir, 'slapd.pid'), 'utf8')).trim());

  const add = async (ldif: string) => {
    const file = join(dir, `add-${Date.now()}-${Math.random().toString(36).slice(2)}.ldif`);
    await writeFile(file, ldif);
    await run(ldapaddPath, ['-x', '-H', `ldap://127.0.0.1:${ldapPort}`, '-D', adminDn, '-w', adminPassword, '-f', file], {
      maxBuffer: 16 * 1024 * 1024,
    });
  };
  if (options.preload === undefined) await add(suffixEntry);
  return {
    ldapPort,
    ldapsPort,
    suffix,
    adminDn,
    adminPassword,
    certs,
    add,
    async stop() {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {}
      for (let i = 0; i < 100; i++) {
        try {
          process.kill(pid, 0);
        } catch {
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await rm(dir, { recursive: true, force: true });
      await rm(certs.dir, { recursive: true, force: true });
    },
  };
}
