import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { maxFrameBytes } from '../../src-main/hosts/web/ipc-socket';
import { createClient, IpcError } from '../../src-renderer/src/ipc/client';
import { webSocketTransport } from '../../src-renderer/src/ipc/transport';
import { startBuiltWebHost, type WebHostProcess } from '../helpers/web-host-process';

/** ws in the browser's shape; unlike the browser's, its socket throws on an unheard 'error' (the transport listens for 'close'). */
class NodeWebSocket extends WebSocket {
  constructor(url: string) {
    super(url);
    this.on('error', () => {});
  }
}

/** The renderer's web transport and client, under Node, against the built web host. */
let host: WebHostProcess;
const delays: number[] = [];
let stopped = false;
beforeAll(async () => {
  host = await startBuiltWebHost();
});
afterAll(() => {
  stopped = true;
  host.stop();
});

function rejection(promise: Promise<unknown>): Promise<IpcError> {
  return promise.then(
    () => {
      throw new Error('the call succeeded');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(IpcError);
      return error as IpcError;
    },
  );
}

describe('the web transport when the socket drops', () => {
  it('rejects the calls in flight, reconnects, and fails calls clearly while the host is gone', async () => {
    const transport = webSocketTransport(`ws://127.0.0.1:${host.port}/ipc?token=${host.token}`, {
      WebSocket: NodeWebSocket as unknown as typeof globalThis.WebSocket,
      schedule: (attempt, delayMs) => {
        delays.push(delayMs);
        if (!stopped) setTimeout(attempt, delayMs);
      },
    });
    const client = createClient(transport);
    expect(await client.call('app.info', {})).toMatchObject({ host: 'web' });

    // A long call, surely running on the host, then a frame over the host's limit: the host closes with 1009.
    let started: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const slow = rejection(client.call('app.selfTest', { steps: 20, delayMs: 1000 }, { onEvent: () => started() }));
    await running;
    const big = rejection(client.call('profiles.import', { content: 'x'.repeat(maxFrameBytes), passphrase: 'p' }));
    for (const error of await Promise.all([slow, big])) {
      expect(error.code).toBe('host-disconnected');
      expect(error.message).toContain("over the host's size limit (code 1009)");
      expect(error.hint).toMatch(/reconnects by itself/);
    }

    // A call made while disconnected waits for the new socket and succeeds on it.
    expect(await client.call('app.info', {})).toMatchObject({ host: 'web' });
    expect(delays).toEqual([250]);

    // The host goes away: a call waits for the next attempt, which cannot connect.
    host.stop();
    await expect.poll(() => delays.length).toBe(2);
    const gone = await rejection(client.call('app.info', {}));
    expect(gone.code).toBe('host-disconnected');
    expect(gone.message).toBe(`Could not connect to the MAS Migrator host at 127.0.0.1:${host.port}.`);
    // Retries back off: 250 ms after losing an open socket, then doubling per failed attempt.
    await expect.poll(() => delays.slice(0, 4), { timeout: 5000 }).toEqual([250, 250, 500, 1000]);
  });
});
