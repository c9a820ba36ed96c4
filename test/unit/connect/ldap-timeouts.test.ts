import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDirectory } from '../../../src-main/connect/ldap/open-directory';

/** A server that accepts connections and never says a word: a hung directory (or a firewall that swallows packets after the handshake). */
describe('a directory that never answers', () => {
  let server: Server;
  let port: number;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const target = (uri: string) => ({
    uris: [uri],
    startTls: false,
    validateCert: true,
    bindDn: 'cn=admin,dc=example,dc=org',
    bindPassword: 'Never-Shown-9',
    connectTimeoutMs: 300,
    operationTimeoutMs: 300,
  });

  it('fails the bind after the operation timeout with ldap-unreachable naming the URI, not the password', async () => {
    const uri = `ldap://127.0.0.1:${port}`;
    const started = Date.now();
    const error = await openDirectory(target(uri)).catch((e) => e);
    expect(error).toMatchObject({ code: 'ldap-unreachable', message: `The directory ${uri} did not answer in time (bind).` });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('Never-Shown-9');
  });

  it('fails an ldaps:// connection whose handshake never completes after the connect timeout', async () => {
    const uri = `ldaps://127.0.0.1:${port}`;
    const error = await openDirectory(target(uri)).catch((e) => e);
    expect(error).toMatchObject({ code: 'ldap-unreachable', message: `The directory ${uri} did not answer in time (connecting).` });
  });

  it('StartTLS to a silent server times out too (the extended operation is an operation)', async () => {
    const error = await openDirectory({ ...target(`ldap://127.0.0.1:${port}`), startTls: true }).catch((e) => e);
    expect(error).toMatchObject({ code: 'ldap-unreachable' });
  });
});
