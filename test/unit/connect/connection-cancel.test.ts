import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSideConnection } from '../../../src-main/connect/connection-test';
import { Profile } from '../../../src-shared/domain/profile';

/** A TCP server that accepts and never says a word: an SSH handshake to it would wait for its full timeout. */
let silentPort: number;
const sockets: Socket[] = [];
const silent = createServer((socket) => sockets.push(socket));

beforeAll(async () => {
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as { port: number }).port;
});

afterAll(() => {
  for (const socket of sockets) socket.destroy();
  silent.close();
});

describe('cancelling a connection test', () => {
  it('closes the SSH connection still in its handshake and ends with an AbortError', async () => {
    const side = {
      configFiles: { location: 'local' as const, paths: [] },
      database: { source: 'fields' as const, host: 'localhost', database: 'synapse', user: 'synapse' },
      ssh: { host: '127.0.0.1', port: silentPort, user: 'admin', auth: 'password' as const, useSshConfig: false },
    };
    const profile = Profile.parse({
      id: '01J0000000000000000000000B',
      name: 'Silent',
      createdAt: '',
      updatedAt: '',
      synapse: side,
      mas: side,
    });
    const controller = new AbortController();
    const running = testSideConnection(profile, 'synapse', { 'synapse.ssh.password': 'irrelevant-pw' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
  }, 10_000); // well under the 20 s SSH handshake timeout: a cancel that waited for it fails here
});
