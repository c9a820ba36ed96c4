import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Services } from '../../ipc/context';
import { createRouter } from '../../ipc/router';
import { handlers } from '../../ipc/handlers';
import { maxFrameBytes, serveIpcSocket } from './ipc-socket';
import { serveRendererFile } from './renderer-files';
import { ipcRefusal, isOwnHost } from './request-guard';

export interface WebHostOptions {
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  services: Services;
  port?: number;
}

export interface WebHost {
  /** The address to open, carrying the per-start token. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const reasons: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  421: 'Misdirected Request',
  431: 'Request Header Fields Too Large',
};

/** The status Node's own default answers a request it cannot parse with. */
function parseFailureStatus(error: NodeJS.ErrnoException): number {
  if (error.code === 'HPE_HEADER_OVERFLOW') return 431;
  return error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
}

/** Refuses a request on a socket that has left the HTTP server (an upgrade, a parse failure). */
function refuse(socket: Socket, status: number): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(`HTTP/1.1 ${status} ${reasons[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Serves the renderer and the IPC handlers on 127.0.0.1 only. Every request must name this
 * host (`127.0.0.1:<port>` or `localhost:<port>`); the WebSocket also requires the random token
 * of this start and a same-origin request, so other local users' pages cannot drive it. No
 * request, however malformed, reaches the process as an error: it gets a status or a close code.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(24).toString('base64url');
  const router = createRouter(handlers, options.services);
  let port = 0; // known once listening, before any request arrives

  const server = createServer((req, res) => {
    if (!isOwnHost(req.headers.host, port)) {
      res.writeHead(421).end();
      return;
    }
    serveRendererFile(options.rendererDir, req, res).catch(() => {
      if (res.headersSent) res.destroy();
      else res.writeHead(500).end();
    });
  });
  // A request line or header Node cannot parse never reaches the handler above.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET') socket.destroy();
    else refuse(socket, parseFailureStatus(error));
  });

  // CONNECT is for proxies: unheard, Node would drop the connection without an answer.
  server.on('connect', (_req, socket: Socket) => {
    socket.on('error', () => socket.destroy());
    refuse(socket, 405);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });
  server.on('upgrade', (req, socket: Socket, head) => {
    // The HTTP server no longer watches this socket: a reset peer must not become an uncaught error.
    socket.on('error', () => socket.destroy());
    const refusal = ipcRefusal(req, port, token);
    if (refusal !== null) {
      refuse(socket, refusal);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveIpcSocket(ws, router));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Stops a host and what its app started too (the sandbox's PostgreSQL, SSH tunnels still open), whatever fails. */
export async function stopWebApp(host: WebHost, services: Services): Promise<void> {
  await Promise.allSettled([host.close(), services.shutdown()]);
}
