import type { WebSocket } from 'ws';
import type { Router } from '../../ipc/router';
import { createFrameSession } from '../frame-session';

/**
 * The largest frame the renderer legitimately sends is a `profiles.import` call: content of up
 * to 1,000,000 UTF-16 code units, a passphrase of up to 1,024 and a name of up to 100. In JSON a
 * code unit takes at most 6 bytes (`\u001f`, or a lone surrogate as `\udc00`), so that call is at
 * most ~6.01 MB with its framing. 8 MiB leaves about 40% above that worst case; ws's default of
 * 100 MiB would let any page holding the token make the host buffer 100 MiB per message.
 */
export const maxFrameBytes = 8 * 1024 * 1024;

/** Close codes of RFC 6455 §7.4.1 that this host sends itself; ws sends 1002, 1007 and 1009. */
const unsupportedData = 1003;
const policyViolation = 1008;

/** Carries one renderer's frames over its WebSocket, closing the socket on anything that is not a client frame. */
export function serveIpcSocket(ws: WebSocket, router: Router): void {
  const session = createFrameSession(router, (frame) => ws.send(JSON.stringify(frame)));
  // ws has already closed the socket with the code the fault calls for (1002 protocol error,
  // 1007 invalid UTF-8, 1009 too big); without a listener the error would end the process.
  ws.on('error', () => {});
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      ws.close(unsupportedData, 'text frames only');
      return;
    }
    let frame: unknown;
    try {
      frame = JSON.parse(String(data));
    } catch {
      ws.close(policyViolation, 'not JSON');
      return;
    }
    if (!session.receive(frame)) ws.close(policyViolation, 'not a client frame');
  });
  ws.on('close', () => session.close());
}
