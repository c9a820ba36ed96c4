import { describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../../src-shared/wire';
import { createPageSessions } from '../../../src-main/hosts/electron/page-sessions';
import { createServices } from '../../../src-main/ipc/context';
import { handlers } from '../../../src-main/ipc/handlers';
import { createRouter, type Handlers } from '../../../src-main/ipc/router';

const services = createServices({ host: 'electron', dataDir: '/nonexistent', env: {} });

/** A window's sessions on the real router, with app.selfTest replaced by a handler that answers only when the test says so, whatever the signal. */
function slowWindow() {
  let finish: () => void = () => {};
  const aborted: boolean[] = [];
  const slow: Handlers = {
    ...handlers,
    'app.selfTest': async ({ steps }, ctx) => {
      ctx.emit({ step: 1, of: steps, label: 'Self-test step 1' });
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      aborted.push(ctx.signal.aborted);
      ctx.emit({ step: steps, of: steps, label: 'late progress' });
      return { ok: true as const, steps };
    },
  };
  const sent: ServerFrame[] = [];
  const pages = createPageSessions(createRouter(slow, services), (frame) => sent.push(frame));
  return { pages, sent, finish: () => finish(), aborted };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("a window's frame sessions", () => {
  it("drops the old page's late replies and progress after a navigation: the new page's call of the same id gets its own answer", async () => {
    const { pages, sent, finish, aborted } = slowWindow();

    pages.receive({ kind: 'call', id: 1, channel: 'app.selfTest', input: { steps: 2, delayMs: 0 } });
    await settle();
    expect(sent).toEqual([{ kind: 'event', id: 1, event: { step: 1, of: 2, label: 'Self-test step 1' } }]);

    // The main frame gets a new page (a reload): it numbers its calls from 1 again.
    pages.newPage();
    pages.receive({ kind: 'call', id: 1, channel: 'app.info', input: {} });
    await settle();
    finish(); // the old page's call answers late
    await settle();

    expect(aborted).toEqual([true]);
    expect(sent.slice(1)).toEqual([{ kind: 'result', id: 1, output: expect.objectContaining({ name: 'MAS Migrator', host: 'electron' }) }]);
  });

  it('keeps answering the same page until it changes', async () => {
    const { pages, sent, finish, aborted } = slowWindow();
    pages.receive({ kind: 'call', id: 7, channel: 'app.selfTest', input: { steps: 2, delayMs: 0 } });
    await settle();
    finish();
    await settle();
    expect(aborted).toEqual([false]);
    expect(sent.map((f) => f.kind)).toEqual(['event', 'event', 'result']);
    expect(sent.at(-1)).toEqual({ kind: 'result', id: 7, output: { ok: true, steps: 2 } });
  });

  it('sends nothing more once the window is closed, and still refuses what is not a client frame', async () => {
    const { pages, sent, finish } = slowWindow();
    pages.receive({ kind: 'call', id: 1, channel: 'app.selfTest', input: { steps: 2, delayMs: 0 } });
    await settle();
    pages.close();
    finish();
    pages.receive({ kind: 'call', id: 2, channel: 'app.info', input: {} });
    await settle();
    expect(sent.map((f) => f.kind)).toEqual(['event']);
    expect(pages.receive({ kind: 'nonsense' })).toBe(false);
  });
});
