import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { contentSecurityPolicy } from '../security-policy';
import { parseTarget } from './request-guard';

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The file of the built renderer a request target names, or the status that refuses it. */
export function rendererFile(rendererDir: string, target: string | undefined): { file: string } | { status: 400 | 404 } {
  const url = parseTarget(target);
  if (url === null) return { status: 400 };
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { status: 400 }; // `%zz`, `%`, `%C0`: not a path at all
  }
  if (path.includes('\0')) return { status: 400 };
  const relative = normalize(path === '/' ? 'index.html' : path.replace(/^\/+/, ''));
  const file = join(rendererDir, relative);
  if (relative.startsWith('..') || !file.startsWith(rendererDir + sep)) return { status: 404 };
  return { file };
}

/** Answers GET and HEAD with a file of the renderer; every other outcome is a bare status. */
export async function serveRendererFile(rendererDir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const found = rendererFile(rendererDir, req.url);
  if ('status' in found) {
    res.writeHead(found.status).end();
    return;
  }
  let body: Buffer;
  try {
    body = await readFile(found.file);
  } catch {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    'content-type': mimeTypes[extname(found.file)] ?? 'application/octet-stream',
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    // Other sites' pages may not even embed these files (no-cors <script>/<img> reads).
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store',
  });
  res.end(body);
}
