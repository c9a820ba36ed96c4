import { connect } from 'node:net';

export interface WaitForPortOptions {
  timeoutMs?: number;
  /** False once the server's process has ended: no use waiting further. */
  alive?: () => boolean;
}

/**
 * Resolves once something accepts TCP connections on 127.0.0.1:`port`, false after the timeout (or once
 * the server is gone): a daemon that detached may still be setting up its listeners, and a client started
 * too early is refused.
 */
export async function waitForPort(port: number, options: WaitForPortOptions = {}): Promise<boolean> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return true;
    if (Date.now() > deadline || options.alive?.() === false) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
