import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalPostgres, startLocalPostgres } from '../../../src-main/connect/embedded-postgres';
import { openDatabaseRoute } from '../../../src-main/connect/postgres/database-route';
import type { LibpqSettings } from '../../../src-main/connect/postgres/libpq-settings';
import { serverUrl } from '../../helpers/databases';
import { targetFor } from '../../helpers/pg-clients';
import { sessionTo, trustedKeyOf } from '../../helpers/ssh-routes';
import { startSshd, sshdPath } from '../../helpers/sshd';
import { makeTestCertificates, opensslPath, startTlsPostgres, type TestCertificates } from '../../helpers/tls-certs';
import { hasTool } from '../../helpers/tools';

let certs: TestCertificates;
/** Offers TLS, accepts plain too. */
let tlsServer: LocalPostgres;
/** pg_hba.conf accepts only `hostssl` over TCP. */
let tlsOnly: LocalPostgres;
/** pg_hba.conf accepts only `hostssl … cert`: a client certificate signed by the test CA, for the user it names. */
let certOnly: LocalPostgres;

const targetOf = (url: string, host: string, sslmode: string, sslrootcert?: string, extra: LibpqSettings = {}) =>
  targetFor(url, { host, sslmode, ...(sslrootcert ? { sslrootcert } : {}), ...extra });

async function sslInUse(target: ReturnType<typeof targetOf>): Promise<boolean> {
  const route = await openDatabaseRoute({ target: await target });
  const client = await route.connect();
  try {
    const { rows } = await client.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    return rows[0].ssl;
  } finally {
    await client.end();
  }
}

const withOpenssl = hasTool(opensslPath, 'openssl');

beforeAll(async () => {
  if (!withOpenssl) return;
  certs = await makeTestCertificates();
  tlsServer = await startLocalPostgres({ settings: { ssl: 'on', ssl_cert_file: certs.serverCertFile, ssl_key_file: certs.serverKeyFile } });
  tlsOnly = await startTlsPostgres(certs, 'hostssl all all 127.0.0.1/32 scram-sha-256');
  certOnly = await startTlsPostgres(certs, 'hostssl all all 127.0.0.1/32 cert', { ssl_ca_file: certs.caFile });
});

afterAll(async () => {
  await Promise.all([tlsServer?.stop(), tlsOnly?.stop(), certOnly?.stop()]);
  if (certs) await rm(certs.dir, { recursive: true, force: true });
});

describe.runIf(withOpenssl)('PostgreSQL TLS modes (libpq sslmode onto node-postgres)', () => {
  it('require: encrypts without verifying (no CA given, host name not in the certificate)', async () => {
    expect(await sslInUse(targetOf(tlsServer.url, '127.0.0.1', 'require'))).toBe(true);
  });

  it('verify-full: accepts the right CA and host name', async () => {
    expect(await sslInUse(targetOf(tlsServer.url, 'localhost', 'verify-full', certs.caFile))).toBe(true);
  });

  it('verify-full: refuses a certificate from another CA, and one without the host name', async () => {
    await expect(sslInUse(targetOf(tlsServer.url, 'localhost', 'verify-full', certs.otherCaFile))).rejects.toMatchObject({
      code: 'db-certificate-mismatch',
      message: expect.stringContaining('localhost'),
    });
    await expect(sslInUse(targetOf(tlsServer.url, '127.0.0.1', 'verify-full', certs.caFile))).rejects.toMatchObject({
      code: 'db-certificate-mismatch',
      message: expect.stringContaining('ERR_TLS_CERT_ALTNAME_INVALID'),
    });
  });

  it('verify-ca: checks the chain but not the host name', async () => {
    expect(await sslInUse(targetOf(tlsServer.url, '127.0.0.1', 'verify-ca', certs.caFile))).toBe(true);
    await expect(sslInUse(targetOf(tlsServer.url, '127.0.0.1', 'verify-ca', certs.otherCaFile))).rejects.toMatchObject({
      code: 'db-certificate-mismatch',
    });
  });

  it('prefer: uses TLS when offered and falls back to plain when not; require fails without TLS', async () => {
    expect(await sslInUse(targetOf(tlsServer.url, '127.0.0.1', 'prefer'))).toBe(true);
    expect(await sslInUse(targetOf(serverUrl(), '127.0.0.1', 'prefer'))).toBe(false);
    await expect(sslInUse(targetOf(serverUrl(), '127.0.0.1', 'require'))).rejects.toMatchObject({ code: 'db-tls-refused' });
    await expect(sslInUse(targetOf(tlsServer.url, '127.0.0.1', 'verify-full', '/nonexistent/ca.pem'))).rejects.toMatchObject({
      code: 'db-tls-file-unreadable',
    });
  });

  it('names a wrong password and an unreachable server without leaking the password', async () => {
    const error = await sslInUse(targetOf(serverUrl(), '127.0.0.1', 'disable', undefined, { password: 'wrong-db-password-77' })).catch(
      (e) => e,
    );
    expect(error).toMatchObject({ code: 'db-auth-failed', message: expect.stringContaining('postgres@127.0.0.1') });
    expect(`${error.message} ${error.hint}`).not.toContain('wrong-db-password-77');
    await expect(sslInUse(targetOf(serverUrl(), '127.0.0.1', 'disable', undefined, { port: '1' }))).rejects.toMatchObject({
      code: 'db-unreachable',
    });
  });
});

describe.runIf(withOpenssl)('servers that insist on TLS (SPEC §1.3: libpq sslmode, prefer by default)', () => {
  it('a server that accepts only hostssl: no sslmode (prefer) connects with TLS; allow retries with TLS; disable is refused by name', async () => {
    expect(await sslInUse(targetFor(tlsOnly.url, {}))).toBe(true);
    expect(await sslInUse(targetOf(tlsOnly.url, '127.0.0.1', 'allow'))).toBe(true);
    await expect(sslInUse(targetOf(tlsOnly.url, '127.0.0.1', 'disable'))).rejects.toMatchObject({
      code: 'db-tls-refused',
      message: expect.stringContaining('accepts this connection only with TLS'),
    });
  });

  it('allow uses no TLS when the server accepts plain', async () => {
    expect(await sslInUse(targetOf(tlsServer.url, '127.0.0.1', 'allow'))).toBe(false);
  });

  it('a server that asks for a client certificate: the certificate and key are sent; without them it refuses by name', async () => {
    const withCert = { sslcert: certs.clientCertFile, sslkey: certs.clientKeyFile };
    expect(await sslInUse(targetOf(certOnly.url, 'localhost', 'verify-full', certs.caFile, withCert))).toBe(true);
    await expect(sslInUse(targetOf(certOnly.url, 'localhost', 'verify-full', certs.caFile))).rejects.toMatchObject({
      code: 'db-auth-failed',
    });
    await expect(
      sslInUse(
        targetOf(certOnly.url, 'localhost', 'require', undefined, { sslcert: '/nonexistent/client.crt', sslkey: certs.clientKeyFile }),
      ),
    ).rejects.toMatchObject({
      code: 'db-tls-file-unreadable',
      message: expect.stringContaining('/nonexistent/client.crt'),
    });
  });
});

describe.runIf(withOpenssl && hasTool(sshdPath, 'openssh-server'))('TLS through an SSH tunnel', () => {
  it('verifies the certificate for the host name as the SSH server sees it, and a drop ends the query with the tunnel error', async () => {
    const sshd = await startSshd();
    const session = await sessionTo(sshd, { trusted: [trustedKeyOf(sshd)] });
    try {
      const route = await openDatabaseRoute({
        target: await targetOf(tlsServer.url, 'localhost', 'verify-full', certs.caFile),
        ssh: session,
      });
      const client = await route.connect();
      expect((await client.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).rows[0].ssl).toBe(true);
      const running = client.query('SELECT pg_sleep(60)');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await sshd.killConnections();
      await expect(running).rejects.toMatchObject({ code: 'ssh-tunnel-dropped' });
      const wrongCa = await openDatabaseRoute({
        target: await targetOf(tlsServer.url, 'localhost', 'verify-full', certs.otherCaFile),
        ssh: session,
      });
      await expect(wrongCa.connect()).rejects.toMatchObject({ code: 'db-certificate-mismatch' });
    } finally {
      await session.close();
      await sshd.stop();
    }
  });
});
