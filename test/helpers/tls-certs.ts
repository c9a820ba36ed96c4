import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type LocalPostgres, startLocalPostgres } from '../../src-main/connect/embedded-postgres';

const run = promisify(execFile);

/** The openssl CLI signs the test certificates (node:crypto cannot make X.509 certificates). */
export const opensslPath = '/usr/bin/openssl';

export interface TestCertificates {
  dir: string;
  caFile: string;
  /** A CA that signed nothing here: verifying against it must fail. */
  otherCaFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  /** A client certificate for the database user `postgres`, signed by the CA, and its key (owner-only, as libpq requires). */
  clientCertFile: string;
  clientKeyFile: string;
}

/** `openssl req` options for a new unencrypted P-256 key written to `key`. */
const newP256Key = (key: string) => ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key];

/** A self-signed certificate (a CA, or a SAML IdP's signing certificate) and its key, in `dir`. */
export async function newCa(dir: string, name: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  await run(opensslPath, ['req', '-x509', ...newP256Key(key), '-out', cert, '-days', '2', '-subj', `/CN=${name}`]);
  return { cert, key };
}

/** A key and a certificate for `subject`, signed by `ca`, with the given X.509 extensions. */
async function signedBy(ca: { cert: string; key: string }, dir: string, name: string, subject: string, extensions: string) {
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const cert = join(dir, `${name}.crt`);
  const ext = join(dir, `${name}.ext`);
  await run(opensslPath, ['req', ...newP256Key(key), '-out', csr, '-subj', subject]);
  await writeFile(ext, `basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n${extensions}`);
  await run(opensslPath, [
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    ca.cert,
    '-CAkey',
    ca.key,
    '-CAcreateserial',
    '-out',
    cert,
    '-days',
    '2',
    '-extfile',
    ext,
  ]);
  return { key, cert };
}

/**
 * A throwaway CA, a server certificate it signed for the DNS name
 * `localhost` only (not 127.0.0.1), and a client certificate for the user
 * `postgres`, made with the openssl CLI. The server key is readable by the
 * PostgreSQL server's user only, as PostgreSQL requires.
 */
export async function makeTestCertificates(): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'mas-migrator-tls-'));
  await chmod(dir, 0o755);
  const ca = await newCa(dir, 'Test CA');
  const other = await newCa(dir, 'Other CA');
  const server = await signedBy(ca, dir, 'server', '/CN=localhost', 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n');
  const client = await signedBy(ca, dir, 'client', '/CN=postgres', 'extendedKeyUsage=clientAuth\n');
  const serverKeyFile = server.key;
  const serverCertFile = server.cert;
  await chmod(serverKeyFile, 0o600);
  await chmod(serverCertFile, 0o644);
  if (userInfo().uid === 0) {
    // As root, embedded PostgreSQL runs as `postgres`, which must own its key.
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(serverKeyFile, Number(stdout.trim()), Number(gid.trim()));
  }
  await chmod(client.key, 0o600);
  return {
    dir,
    caFile: ca.cert,
    otherCaFile: other.cert,
    serverCertFile,
    serverKeyFile,
    clientCertFile: client.cert,
    clientKeyFile: client.key,
  };
}

/**
 * A PostgreSQL server with TLS (the test certificates) whose pg_hba.conf has
 * only the given TCP lines, e.g. `hostssl …` to refuse plain connections;
 * its Unix socket stays open to itself for set-up.
 */
export async function startTlsPostgres(
  certs: TestCertificates,
  hbaLines: string,
  settings: Record<string, string> = {},
): Promise<LocalPostgres> {
  const hba = join(certs.dir, `pg_hba-${randomBytes(4).toString('hex')}.conf`);
  await writeFile(hba, `local all all trust\n${hbaLines}\n`, { mode: 0o644 });
  return startLocalPostgres({
    settings: { ssl: 'on', ssl_cert_file: certs.serverCertFile, ssl_key_file: certs.serverKeyFile, hba_file: hba, ...settings },
  });
}
