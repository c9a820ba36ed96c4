import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { maxFrameBytes } from '../../src-main/hosts/web/ipc-socket';
import { callOnce, closeCode, expectHostAnswers, nextFrame, openIpc, rawHttp, request, statusOf } from '../helpers/web-host-probes';
import { startBuiltWebHost, type WebHostProcess } from '../helpers/web-host-process';
import { closeFrameCode, encodeFrame, exchangeFrames, rawIpcSocket } from '../helpers/websocket-frames';

/** The hostile inputs against the built web host process (`node out/main/web.js`), which must answer and stay up. */
let host: WebHostProcess;
beforeAll(async () => {
  host = await startBuiltWebHost();
});
afterAll(() => host.stop());

const upgrade = {
  Upgrade: 'websocket',
  Connection: 'Upgrade',
  'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
  'Sec-WebSocket-Version': '13',
};

describe('malformed requests, without a token', () => {
  it.each(['/%zz', '/%', '/assets/%C0', '/%E0%A4%A', '/assets/%00.js'])('GET %s is a 400', async (target) => {
    expect(statusOf(await rawHttp(host.port, request(host.port, target)))).toBe(400);
    await expectHostAnswers(host);
  });

  it('an absolute-form request line with a broken URL is a 400, plain or as an upgrade', async () => {
    expect(statusOf(await rawHttp(host.port, request(host.port, 'http://[')))).toBe(400);
    expect(statusOf(await rawHttp(host.port, request(host.port, 'http://[', upgrade)))).toBe(400);
    await expectHostAnswers(host);
  });

  it('a request line Node cannot parse is a 400 (the clientError path)', async () => {
    expect(statusOf(await rawHttp(host.port, 'GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'))).toBe(400);
    expect(statusOf(await rawHttp(host.port, 'GET / HTTP/1.1\r\n'))).toBe(400); // cut short, then the client leaves
    await expectHostAnswers(host);
  });

  it('a request with an over-long header is a 431', async () => {
    const huge = { Cookie: 'x'.repeat(20_000) };
    expect(statusOf(await rawHttp(host.port, request(host.port, '/', huge)))).toBe(431);
    await expectHostAnswers(host);
  });

  it('a traversal out of the renderer folder is a 404 and other methods a 405', async () => {
    expect(statusOf(await rawHttp(host.port, request(host.port, '/..%2f..%2fpackage.json')))).toBe(404);
    expect(statusOf(await rawHttp(host.port, request(host.port, '/', { 'Content-Length': '0' }, 'POST')))).toBe(405);
    await expectHostAnswers(host);
  });
});

describe('misbehaving WebSocket clients holding the token', () => {
  it(`a message over ${maxFrameBytes} bytes is closed with 1009`, async () => {
    const ws = await openIpc(host);
    const closed = closeCode(ws);
    ws.send(JSON.stringify({ kind: 'call', id: 1, channel: 'app.info', input: { pad: 'x'.repeat(maxFrameBytes) } }));
    expect(await closed).toBe(1009);
    await expectHostAnswers(host);
  });

  it('the largest legitimate frame (profiles.import of 1,000,000 control characters) gets an answer', async () => {
    const content = '\u0001'.repeat(1_000_000); // 6 bytes each in JSON: the worst case the limit allows for
    const frame = JSON.stringify({
      kind: 'call',
      id: 1,
      channel: 'profiles.import',
      input: { content, passphrase: '\u0001'.repeat(1024) },
    });
    expect(frame.length).toBeGreaterThan(6_000_000);
    const ws = await openIpc(host);
    const reply = nextFrame(ws);
    ws.send(frame);
    // Not an export file, so an error naming what is wrong; the point is that the socket carried it.
    expect(await reply).toMatchObject({ kind: 'error', id: 1 });
    ws.close();
  });

  it('invalid UTF-8 in a text frame is closed with 1007', async () => {
    const ws = await openIpc(host);
    const closed = closeCode(ws);
    ws.send(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), { binary: false });
    expect(await closed).toBe(1007);
    await expectHostAnswers(host);
  });

  it('an unmasked frame is closed with 1002', async () => {
    const replies = await exchangeFrames(await rawIpcSocket(host.port, host.token), [
      encodeFrame({ opcode: 1, mask: false, payload: Buffer.from('{}') }),
    ]);
    expect(replies.map(closeFrameCode)).toEqual([1002]);
    await expectHostAnswers(host);
  });

  it.each([3, 7, 0xb, 0xf])('reserved opcode %i is closed with 1002', async (opcode) => {
    const replies = await exchangeFrames(await rawIpcSocket(host.port, host.token), [encodeFrame({ opcode, payload: Buffer.from('x') })]);
    expect(replies.map(closeFrameCode)).toEqual([1002]);
    await expectHostAnswers(host);
  });

  it('reserved bits without an extension, and a declared length over the limit, are closed with 1002 and 1009', async () => {
    const rsv = await exchangeFrames(await rawIpcSocket(host.port, host.token), [
      encodeFrame({ opcode: 1, rsv: 4, payload: Buffer.from('{}') }),
    ]);
    expect(rsv.map(closeFrameCode)).toEqual([1002]);
    const long = await exchangeFrames(await rawIpcSocket(host.port, host.token), [
      encodeFrame({ opcode: 1, payload: Buffer.from('{'), declaredLength: 2 ** 40 }),
    ]);
    expect(long.map(closeFrameCode)).toEqual([1009]);
    await expectHostAnswers(host);
  });

  it.each([
    ['a binary frame', Buffer.from('{}'), true, 1003],
    ['text that is not JSON', 'hello', false, 1008],
    ['JSON that is not a client frame', '{"kind":"call","id":"one"}', false, 1008],
  ])('%s is closed with %#', async (_name, data, binary, code) => {
    const ws = await openIpc(host);
    const closed = closeCode(ws);
    ws.send(data, { binary });
    expect(await closed).toBe(code);
    await expectHostAnswers(host);
  });

  it('an input nested 100,000 deep (past the stack of a schema check) is answered with an error', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`; // written out: JSON.stringify would overflow here
    const ws = await openIpc(host);
    const reply = nextFrame(ws);
    ws.send(`{"kind":"call","id":1,"channel":"config.edit","input":{"draftId":"abcdefgh","edits":[{"path":["a"],"value":${deep}}]}}`);
    expect(await reply).toMatchObject({
      kind: 'error',
      id: 1,
      error: { code: 'invalid-input', message: expect.stringContaining('nested too deeply') },
    });
    ws.close();
    await expectHostAnswers(host);
  });

  it('a call to a channel that does not exist is answered', async () => {
    expect(await callOnce(host, '__proto__', {})).toMatchObject({ kind: 'error', error: { code: 'unknown-channel' } });
  });
});

describe('DNS rebinding and cross-origin pages', () => {
  const ipc = (token: string) => `/ipc?token=${token}`;

  it('a page request naming another host is a 421', async () => {
    const reply = await rawHttp(host.port, request(host.port, '/', { Host: `evil.example:${host.port}` }));
    expect(statusOf(reply)).toBe(421);
    expect(reply.toString()).not.toContain('<div id="root">');
    await expectHostAnswers(host);
  });

  it('an upgrade naming another host with a matching Origin and the right token is a 421', async () => {
    const headers = { ...upgrade, Host: `evil.example:${host.port}`, Origin: `http://evil.example:${host.port}` };
    expect(statusOf(await rawHttp(host.port, request(host.port, ipc(host.token), headers)))).toBe(421);
    await expectHostAnswers(host);
  });

  it('another origin, a wrong token or another path is refused', async () => {
    const cases: [string, Record<string, string>, number][] = [
      [ipc(host.token), { Origin: 'http://evil.example' }, 403],
      [ipc(host.token), { Origin: 'null' }, 403],
      [ipc('x'.repeat(host.token.length)), {}, 403],
      [ipc(''), {}, 403],
      [`/other?token=${host.token}`, {}, 404],
    ];
    for (const [target, headers, status] of cases) {
      expect(statusOf(await rawHttp(host.port, request(host.port, target, { ...upgrade, ...headers }))), target).toBe(status);
    }
    await expectHostAnswers(host);
  });

  it('localhost:<port> is this host too, for pages and the socket', async () => {
    const localhost = `localhost:${host.port}`;
    expect(statusOf(await rawHttp(host.port, request(host.port, '/', { Host: localhost })))).toBe(200);
    const ws = await openIpc(host, { headers: { Host: localhost }, origin: `http://${localhost}` });
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });
});
