import { createServer } from 'node:http';
import { AppError } from '../../../src-shared/errors';

/** A one-shot RFC 8252 §7.3 loopback redirect: `http://127.0.0.1:<ephemeral port>/callback`. */
export interface LoopbackRedirect {
  redirectUri: string;
  /** The full callback URL the browser was sent to, once one arrives with the expected state. */
  callback: Promise<URL>;
  close(): void;
}

const page = (text: string) => `<!doctype html><meta charset="utf-8"><title>MAS Migrator</title><p>${text}</p>`;

/**
 * Listens on 127.0.0.1 only (never a public interface) for the one redirect
 * carrying `state`; anything else gets a 400 and the wait goes on, so a stray
 * request cannot end the login. Ends with `login-timed-out` after `timeoutMs`,
 * or `cancelled` when `signal` aborts; the socket closes either way.
 */
export async function loopbackRedirect(state: string, timeoutMs: number, signal?: AbortSignal): Promise<LoopbackRedirect> {
  let redirectUri = '';
  let settle!: { resolve: (url: URL) => void; reject: (error: Error) => void };
  const callback = new Promise<URL>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Nobody may be awaiting yet (the browser is still opening): keep an early failure from being unhandled.
  callback.catch(() => {});
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', redirectUri);
    const matches = !done && request.method === 'GET' && url.pathname === '/callback' && url.searchParams.get('state') === state;
    response.writeHead(matches ? 200 : 400, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'close',
    });
    const text = matches ? 'The login was received. You can close this window and return to MAS Migrator.' : 'Not the expected login.';
    // Settled once the page is flushed, so closing the server cannot cut it short.
    response.end(page(text), () => matches && finish(() => settle.resolve(url)));
  });
  const timer = setTimeout(
    () =>
      finish(() =>
        settle.reject(
          new AppError(
            'login-timed-out',
            `Nobody completed the login in the browser within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}.`,
            'Start the test login again and finish signing in at the provider.',
          ),
        ),
      ),
    timeoutMs,
  );
  const onAbort = () => finish(() => settle.reject(new AppError('cancelled', 'The test login was cancelled.')));
  let done = false;
  function finish(then: () => void): void {
    if (done) return;
    done = true;
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    server.close();
    // Only the idle ones: the page just written (connection: close) must reach the browser whole; destroying its
    // socket could reset the connection before the browser has read it.
    server.closeIdleConnections();
    then();
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  redirectUri = `http://127.0.0.1:${(server.address() as { port: number }).port}/callback`;
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  return {
    redirectUri,
    callback,
    close: () => finish(() => settle.reject(new AppError('cancelled', 'The test login was cancelled.'))),
  };
}
