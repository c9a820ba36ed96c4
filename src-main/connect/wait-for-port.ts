import { connect } from 'node:net';

/**
 * Resolves once something accepts TCP connections on 127.0.0.1:`port`, false after `timeoutMs`: a daemon
 * that detached may still be setting up its listeners, and a client started too early is refused.
 */
export async function waitForPort(port: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
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
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
