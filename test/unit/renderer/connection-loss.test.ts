import { describe, expect, it } from 'vitest';
import {
  createPendingCalls,
  hostDisconnected,
  lostReply,
  reconnectDelay,
  unreachableReply,
} from '../../../src-renderer/src/ipc/connection-loss';

const call = (id: number) => ({ kind: 'call', id, channel: 'app.info', input: {} }) as const;
const lost = lostReply(1006, '');

describe('the calls a dropped socket affects', () => {
  it('fails the calls sent and not answered, and only those', () => {
    const pending = createPendingCalls();
    for (const id of [1, 2, 3]) pending.sent(call(id));
    pending.sent({ kind: 'cancel', id: 3 });
    pending.answered({ kind: 'result', id: 1, output: {} });
    pending.answered({ kind: 'event', id: 2, event: {} }); // an event is not an answer
    pending.answered({ kind: 'error', id: 3, error: { code: 'cancelled', message: 'x' } });
    expect(pending.failUnanswered(lost)).toEqual([{ kind: 'error', id: 2, error: lost }]);
    expect(pending.failUnanswered(lost)).toEqual([]);
  });

  it('keeps waiting frames for the next socket, in order, and then counts them as sent', () => {
    const pending = createPendingCalls();
    pending.wait(call(1));
    pending.wait({ kind: 'cancel', id: 1 });
    pending.wait(call(2));
    expect(pending.takeWaiting()).toEqual([call(1), { kind: 'cancel', id: 1 }, call(2)]);
    expect(pending.takeWaiting()).toEqual([]);
    expect(pending.failUnanswered(lost).map((frame) => frame.id)).toEqual([1, 2]);
  });

  it('fails the waiting calls when no socket could be opened, dropping their cancels', () => {
    const pending = createPendingCalls();
    const error = unreachableReply('127.0.0.1:4711');
    pending.wait(call(4));
    pending.wait({ kind: 'cancel', id: 4 });
    expect(pending.failWaiting(error)).toEqual([{ kind: 'error', id: 4, error }]);
    expect(pending.takeWaiting()).toEqual([]);
  });
});

describe('the errors and the retry delays', () => {
  it('say why the socket closed, with the usual code and a hint', () => {
    expect(lostReply(1009, '')).toMatchObject({
      code: hostDisconnected,
      message: expect.stringContaining("over the host's size limit (code 1009)"),
    });
    expect(lostReply(4000, 'custom').message).toContain('custom (code 4000)');
    expect(lostReply(1006, '').hint).toMatch(/reconnects by itself/);
    expect(unreachableReply('127.0.0.1:4711')).toMatchObject({
      code: hostDisconnected,
      message: expect.stringContaining('127.0.0.1:4711'),
    });
  });

  it('double from 250 ms up to 8 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map(reconnectDelay)).toEqual([250, 500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });
});
