import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The names the web host answers to. Checking `Host` on every request defeats DNS
 * rebinding: a page of evil.example whose name now resolves to 127.0.0.1 still sends
 * `Host: evil.example:<port>`, so it can neither open the IPC socket nor read a page
 * (which holds no secret today, but nothing served here should be readable by another site).
 */
export function isOwnHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const name = host.toLowerCase();
  // Browsers leave out the default port.
  return ['127.0.0.1', 'localhost'].some((own) => name === `${own}:${port}` || (port === 80 && name === own));
}

/**
 * Splits an origin-form request target (what browsers send: `/path?query`) into its
 * parts, or returns null for anything else (`http://[`, `*`, `//host/…`, an unparsable URL).
 */
export function parseTarget(target: string | undefined): URL | null {
  if (target === undefined || !target.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(target, 'http://127.0.0.1');
  } catch {
    return null;
  }
}

/** Why the IPC socket is refused (an HTTP status), or null when this start's renderer asks for it. */
export function ipcRefusal(req: IncomingMessage, port: number, token: string): 400 | 403 | 404 | 421 | null {
  if (!isOwnHost(req.headers.host, port)) return 421;
  const url = parseTarget(req.url);
  if (url === null) return 400;
  if (url.pathname !== '/ipc') return 404;
  const given = Buffer.from(url.searchParams.get('token') ?? '');
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 403;
  // A page of another origin (or a sandboxed one, "null") must not drive the handlers even with a leaked token.
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://${req.headers.host}` ? null : 403;
}
