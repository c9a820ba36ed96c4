import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { ServerFrame } from '../../src-shared/wire';
import { expectHostAnswers, openIpc, rawHttp, request, statusOf } from '../helpers/web-host-probes';
import { startBuiltWebHost, type WebHostProcess } from '../helpers/web-host-process';
import { type SeededRandom, seededRandom } from '../helpers/seeded-random';
import { closeFrameCode, encodeFrame, exchangeFrames, rawIpcSocket, type ServerFrameBytes } from '../helpers/websocket-frames';

/**
 * Random and mutated requests, messages and raw frames against the built web host, from a fixed
 * seed (FUZZ_SEED replays another). Every reply must be an HTTP status or valid WebSocket frames,
 * and the host must still answer at the end.
 */
const seed = Number(process.env.FUZZ_SEED ?? 1_204_2026);
let host: WebHostProcess;
beforeAll(async () => {
  host = await startBuiltWebHost();
});
afterAll(() => host.stop());

/** Flips, inserts, deletes or repeats a few bytes. */
function mutate(random: SeededRandom, input: Buffer): Buffer {
  let bytes = input;
  for (let n = 1 + random.int(4); n > 0; n--) {
    const at = random.int(bytes.length + 1);
    const span = 1 + random.int(8);
    const cut = [bytes.subarray(0, at), bytes.subarray(at)] as const;
    bytes = random.pick([
      () => Buffer.concat([cut[0], random.bytes(span), cut[1].subarray(1)]),
      () => Buffer.concat([cut[0], random.bytes(span), cut[1]]),
      () => Buffer.concat([cut[0], cut[1].subarray(span)]),
      () => Buffer.concat([cut[0], cut[1].subarray(0, span), cut[1]]),
    ])();
  }
  return bytes;
}

function targetPieces(token: string): string[] {
  return [
    '/',
    '..',
    '.',
    '%',
    '%2e',
    '%2f',
    '%5c',
    '%00',
    '%zz',
    '%C0',
    '%E0%A4',
    '%F0%9F%98',
    '%25',
    '?',
    '#',
    '&',
    '=',
    ';',
    '@',
    ':',
  ].concat(['[', ']', '*', '\\', '//', 'http://[', 'assets', 'index.html', 'ipc', `ipc?token=${token}`, '\u00e9', '\u4e2d']);
}

function httpInput(random: SeededRandom, port: number, token: string): Buffer {
  const pieces = targetPieces(token);
  let target = random.pick(['/', '/', '/index.html', '/assets/', `/ipc?token=${token}`, '']);
  for (let n = random.int(6); n > 0; n--) target += random.chance(0.8) ? random.pick(pieces) : String.fromCharCode(33 + random.int(94));
  const method = random.pick(['GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'OPTIONS', 'DELETE', 'CONNECT', 'PRI', 'TRACE', 'G\u0000T']);
  const own = [`127.0.0.1:${port}`, `localhost:${port}`];
  const hostName = random.chance(0.7) ? random.pick(own) : random.pick([`evil.example:${port}`, `127.0.0.1:${port + 1}`, '', '[::1]']);
  const headers: Record<string, string> = { Host: hostName };
  if (random.chance(0.3)) Object.assign(headers, { Upgrade: 'websocket', Connection: 'Upgrade', 'Sec-WebSocket-Version': '13' });
  if (random.chance(0.7)) headers['Sec-WebSocket-Key'] = 'dGhlIHNhbXBsZSBub25jZQ==';
  if (random.chance(0.2)) headers.Origin = random.pick([`http://${hostName}`, 'null', 'http://evil.example']);
  if (random.chance(0.1)) headers['Content-Length'] = String(random.int(20));
  const lines = request(port, target, headers, method);
  const valid = Buffer.from(hostName === '' ? lines.replace(/^Host: \r\n/m, '') : lines, 'latin1');
  return random.pick([() => valid, () => valid, () => mutate(random, valid), () => random.bytes(1 + random.int(300))])();
}

/** Channels a random input cannot make write files, start processes or burn CPU on key derivation. */
const harmlessChannels = ['app.info', 'app.selfTest', 'config.edit', 'profiles.list', 'profiles.get', 'vault.status'];
const channelNames = [...harmlessChannels, '', 'nope', '__proto__', 'constructor', 'toString', 'app.info\u0000'];

function randomJson(random: SeededRandom, depth = 0): unknown {
  const scalars = [
    () => null,
    () => random.chance(0.5),
    () => random.int(2 ** 31) - 2 ** 30,
    () => random.next() * 1e308,
    () => '',
    () => 'x'.repeat(random.int(64)),
  ];
  if (depth > 3 || random.chance(0.4)) return random.pick(scalars)();
  if (random.chance(0.5)) return Array.from({ length: random.int(4) }, () => randomJson(random, depth + 1));
  const keys = ['steps', 'delayMs', 'id', 'draftId', 'edits', 'path', 'value', '__proto__', 'constructor', 'kind'];
  return Object.fromEntries(Array.from({ length: random.int(4) }, () => [random.pick(keys), randomJson(random, depth + 1)]));
}

/** One message as a WebSocket client library would send it: mostly calls, some broken on purpose. */
function ipcMessage(random: SeededRandom): { data: string | Buffer; binary: boolean } {
  const call = () => ({
    kind: random.chance(0.9) ? 'call' : 'cancel',
    id: random.int(1_000_000),
    channel: random.pick(channelNames),
    input: randomJson(random),
  });
  const text = (data: string) => ({ data, binary: false });
  // Now and then an input nested past the stack of a schema check (slow to refuse, so rare).
  if (random.chance(0.02)) {
    const depth = 3000 + random.int(20_000);
    const value = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    return text(`{"kind":"call","id":1,"channel":"config.edit","input":{"draftId":"abcdefgh","edits":[{"path":["a"],"value":${value}}]}}`);
  }
  return random.pick([
    () => text(JSON.stringify(call())),
    () => text(JSON.stringify(call())),
    () =>
      text(
        JSON.stringify({
          kind: 'call',
          id: random.int(100),
          channel: 'app.selfTest',
          input: { steps: 1 + random.int(3), delayMs: random.int(5) },
        }),
      ),
    () => text(mutate(random, Buffer.from(JSON.stringify(call()))).toString('latin1')),
    () => text(JSON.stringify(randomJson(random))),
    () => ({ data: mutate(random, Buffer.from(JSON.stringify(call()))), binary: false }), // often invalid UTF-8
    () => ({ data: Buffer.from(JSON.stringify(call())), binary: true }),
  ])();
}

/** Close codes a server may send (RFC 6455 §7.4), 1005 standing for a close frame without one. */
function isValidCloseCode(code: number): boolean {
  return [1000, 1001, 1002, 1003, 1005, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014].includes(code) || (code >= 3000 && code <= 4999);
}

/** A frame no client library would send, now and then. */
function rawFrame(random: SeededRandom): Buffer {
  const opcode = random.chance(0.6) ? random.pick([0, 1, 1, 2, 8, 9, 10]) : random.int(16);
  const payload = random.pick([
    () => Buffer.from(JSON.stringify({ kind: 'call', id: random.int(100), channel: random.pick(channelNames), input: {} })),
    () => random.bytes(random.int(200)),
    () => Buffer.concat([Buffer.from([random.int(256), random.int(256)]), random.bytes(random.int(10))]), // a close code and reason
    () => Buffer.alloc(0),
  ])();
  const declaredLength = random.chance(0.05) ? random.pick([payload.length + 1 + random.int(10), 126, 65_536, 2 ** 40]) : undefined;
  return encodeFrame({
    fin: random.chance(0.8),
    rsv: random.chance(0.1) ? random.int(8) : 0,
    opcode,
    mask: random.chance(0.9),
    payload,
    declaredLength,
  });
}

/** What the host sent on a raw socket must be unmasked text, close or pong frames, the text being server frames. */
function badServerFrames(frames: ServerFrameBytes[]): string[] {
  return frames.flatMap((frame) => {
    if (frame.masked) return ['a masked frame'];
    if (frame.opcode === 8) return isValidCloseCode(closeFrameCode(frame)) ? [] : [`close code ${closeFrameCode(frame)}`];
    if (frame.opcode === 10) return [];
    if (frame.opcode !== 1) return [`opcode ${frame.opcode}`];
    return ServerFrame.safeParse(JSON.parse(frame.payload.toString())).success ? [] : [`text ${frame.payload.toString().slice(0, 80)}`];
  });
}

/** Runs `count` jobs, `width` at a time. */
async function inParallel(count: number, width: number, job: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await job(next++);
    }),
  );
}

describe(`fuzzing the web host (seed ${seed})`, () => {
  it('answers 2,000 random and mutated HTTP requests with a status', { timeout: 20_000 }, async () => {
    const random = seededRandom(seed);
    const inputs = Array.from({ length: 2000 }, () => httpInput(random, host.port, host.token));
    const unanswered: string[] = [];
    const statuses = new Set<number | null>();
    await inParallel(inputs.length, 16, async (index) => {
      const input = inputs[index]!;
      const reply = await rawHttp(host.port, input);
      statuses.add(statusOf(reply));
      // A client that sends only blank lines and leaves has made no request to answer.
      if (statusOf(reply) === null && input.toString('latin1').replace(/[\r\n]/g, '') !== '') {
        unanswered.push(`${JSON.stringify(input.toString('latin1'))} => ${JSON.stringify(reply.toString('latin1').slice(0, 80))}`);
      }
    });
    expect(unanswered).toEqual([]);
    // The inputs reach every answer the host gives, not only its parser's 400.
    expect([...statuses].sort()).toEqual(expect.arrayContaining([101, 200, 400, 403, 404, 405, 421]));
    await expectHostAnswers(host);
  });

  it('answers 2,000 random and mutated IPC messages with server frames, or closes with the fitting code', { timeout: 20_000 }, async () => {
    const random = seededRandom(seed + 1);
    const messages = Array.from({ length: 2000 }, () => ipcMessage(random));
    const problems: string[] = [];
    const closeCodes = new Set<number>();
    // Four sockets at a time, each reopened when the host closes it. After each message a probe
    // call: answered, the socket survived the message; closed, the close code says why.
    await Promise.all(
      [0, 1, 2, 3].map(async (lane) => {
        let ws: WebSocket | undefined;
        let settle: (code: number | null) => void = () => {};
        let probeId = 0;
        for (let index = lane; index < messages.length; index += 4) {
          if (ws === undefined) {
            ws = await openIpc(host);
            ws.on('message', (data) => {
              const parsed = ServerFrame.safeParse(JSON.parse(String(data)));
              if (!parsed.success) problems.push(`not a server frame: ${String(data).slice(0, 80)}`);
              else if (parsed.data.id === probeId) settle(null);
            });
            ws.on('close', (code) => settle(code));
          }
          probeId = 2_000_000_000 + index;
          const outcome = new Promise<number | null>((resolve) => (settle = resolve));
          const message = messages[index]!;
          ws.send(message.data, { binary: message.binary });
          ws.send(JSON.stringify({ kind: 'call', id: probeId, channel: 'app.info', input: {} }));
          const code = await outcome;
          if (code !== null) {
            closeCodes.add(code);
            ws = undefined;
          }
        }
        ws?.close();
      }),
    );
    expect(problems).toEqual([]);
    expect([...closeCodes].sort()).toEqual([1003, 1007, 1008]);
    await expectHostAnswers(host);
  });

  it('answers 1,000 sockets of raw, often invalid frames with valid frames only, and closes each', { timeout: 20_000 }, async () => {
    const random = seededRandom(seed + 2);
    const sockets = Array.from({ length: 1000 }, () => Array.from({ length: 1 + random.int(3) }, () => rawFrame(random)));
    const problems: string[] = [];
    const closeCodes = new Set<number>();
    await inParallel(sockets.length, 16, async (index) => {
      const replies = await exchangeFrames(await rawIpcSocket(host.port, host.token), sockets[index]!);
      problems.push(...badServerFrames(replies).map((problem) => `socket ${index}: ${problem}`));
      for (const frame of replies) if (frame.opcode === 8) closeCodes.add(closeFrameCode(frame));
    });
    expect(problems).toEqual([]);
    expect([...closeCodes]).toEqual(expect.arrayContaining([1002, 1007, 1009]));
    await expectHostAnswers(host);
  });
});
