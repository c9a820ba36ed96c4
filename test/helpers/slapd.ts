import { rm } from 'node:fs/promises';
import { debianSlapd, startLocalSlapd } from '../../src-main/connect/ldap/local-slapd';
import { makeTestCertificates, type TestCertificates } from './tls-certs';

export const slapdPath = debianSlapd.slapd;

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

export interface SlapdOptions {
  /** Entries (LDIF) loaded with slapadd before slapd starts (the bench's many entries). */
  preload?: string;
}

/** The product's throwaway slapd (connect/ldap/local-slapd), with ldaps:// and StartTLS from a test CA. */
export async function startSlapd(options: SlapdOptions = {}): Promise<TestSlapd> {
  const certs = await makeTestCertificates();
  const slapd = await startLocalSlapd({
    ...options,
    tls: { caFile: certs.caFile, certFile: certs.serverCertFile, keyFile: certs.serverKeyFile },
  }).catch(async (error) => {
    await rm(certs.dir, { recursive: true, force: true });
    throw error;
  });
  return {
    ...slapd,
    ldapsPort: slapd.ldapsPort!,
    certs,
    async stop() {
      await slapd.stop();
      await rm(certs.dir, { recursive: true, force: true });
    },
  };
}
