import { connect } from 'node:net';
import { expect } from 'vitest';
import WebSocket from 'ws';
import { ServerFrame } from '../../src-shared/wire';
import type { WebHostProcess } from './web-host-process';

/**
 * Writes raw bytes as one HTTP client and returns what the host answered up to the end of the
 * first response head (or until it closed). A request the host is still waiting on after
 * `idleMs` is half-closed, as a client giving up would, which must bring an answer too.
 */
export function rawHttp(port: number, request: string | Buffer, timeoutMs = 5000, idleMs = 250): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let reply = Buffer.alloc(0);
    const finish = (error?: Error) => {
      clearTimeout(idle);
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(reply);
    };
    const idle = setTimeout(() => socket.end(), idleMs);
    const timer = setTimeout(
      () => finish(new Error(`no reply within ${timeoutMs} ms to ${JSON.stringify(String(request).slice(0, 200))}`)),
      timeoutMs,
    );
    socket.on('data', (chunk) => {
      clearTimeout(idle);
      reply = Buffer.concat([reply, chunk]);
      if (reply.includes('\r\n\r\n')) finish();
    });
    socket.on('error', () => {}); // a reset after the reply is the host closing, which 'close' reports
    socket.on('close', () => finish());
  });
}

/** The status code of the first response in a raw reply, or null when it does not start with an HTTP status line. */
export function statusOf(reply: Buffer): number | null {
  const match = /^HTTP\/1\.1 ([1-5]\d\d) [^\r\n]*\r\n/.exec(reply.toString('latin1'));
  return match ? Number(match[1]) : null;
}

/** A request with the usual headers of a browser on this host. */
export function request(port: number, target: string, headers: Record<string, string> = {}, method = 'GET'): string {
  const lines = Object.entries({ Host: `127.0.0.1:${port}`, ...headers }).map(([name, value]) => `${name}: ${value}\r\n`);
  return `${method} ${target} HTTP/1.1\r\n${lines.join('')}\r\n`;
}

/** Opens an authenticated IPC socket (as the renderer does) and resolves once it is open. */
export function openIpc(host: WebHostProcess, options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ipc?token=${host.token}`, options);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** The close code the host ends a socket with. */
export function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

/** The next message on a socket, which must be a valid server frame; rejects if the socket closes first. */
export function nextFrame(ws: WebSocket): Promise<ServerFrame> {
  return new Promise((resolve, reject) => {
    const onClose = (code: number) => reject(new Error(`the socket closed (${code}) before a reply`));
    ws.once('close', onClose);
    ws.once('message', (data) => {
      ws.off('close', onClose);
      resolve(ServerFrame.parse(JSON.parse(String(data))));
    });
  });
}

/** One call over a fresh IPC socket, answered by a valid server frame. */
export async function callOnce(host: WebHostProcess, channel: string, input: unknown): Promise<ServerFrame> {
  const ws = await openIpc(host);
  try {
    const reply = nextFrame(ws);
    ws.send(JSON.stringify({ kind: 'call', id: 1, channel, input }));
    return await reply;
  } finally {
    ws.close();
  }
}

/** The host process is still running and answers both a page request and an IPC call. */
export async function expectHostAnswers(host: WebHostProcess): Promise<void> {
  expect(host.child.exitCode, host.output()).toBeNull();
  // A complete request: no early half-close, which on a busy machine would end the exchange before the answer.
  expect(statusOf(await rawHttp(host.port, request(host.port, '/', { Connection: 'close' }), 5000, 5000))).toBe(200);
  const reply = await callOnce(host, 'app.info', {});
  expect(reply).toMatchObject({ kind: 'result', id: 1, output: { host: 'web' } });
}
