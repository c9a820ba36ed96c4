import { describe, expect, it } from 'vitest';
import { cleanUpBeforeQuit, takeSingleInstanceLock } from '../../../src-main/hosts/electron/app-lifecycle';
import { FakeElectronApp, terminated } from '../../helpers/fake-electron-app';

describe('the single-instance lock', () => {
  it('the first instance keeps running and brings its window forward when a second one starts', () => {
    const app = new FakeElectronApp(true);
    let shown = 0;
    expect(takeSingleInstanceLock(app, () => shown++)).toBe(true);
    expect(app.quitCalls).toBe(0);
    app.secondInstance();
    app.secondInstance();
    expect(shown).toBe(2);
  });

  it('a second instance quits at once, and starts nothing', () => {
    const app = new FakeElectronApp(false);
    let shown = 0;
    expect(takeSingleInstanceLock(app, () => shown++)).toBe(false);
    expect(app.terminated).toBe(true);
    expect(app.listenerCount('second-instance')).toBe(0);
  });
});

/** A cleanup the test finishes itself, counting its runs. */
function heldCleanup() {
  let finish: (error?: Error) => void = () => {};
  const held = {
    runs: 0,
    cleanup: () => {
      held.runs++;
      return new Promise<void>((resolve, reject) => {
        finish = (error) => (error ? reject(error) : resolve());
      });
    },
    finish: (error?: Error) => finish(error),
  };
  return held;
}

describe('the cleanup before quitting', () => {
  it('holds the quit until the cleanup is done, runs it once however often quit is asked, then quits', async () => {
    const app = new FakeElectronApp();
    const held = heldCleanup();
    const problems: string[] = [];
    cleanUpBeforeQuit(app, held.cleanup, { timeoutMs: 10_000, onProblem: (p) => problems.push(p) });

    app.quit();
    app.quit(); // Ctrl-Q pressed again while stopping
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(app.terminated).toBe(false);
    expect(held.runs).toBe(1);

    held.finish();
    await terminated(app);
    expect(held.runs).toBe(1);
    expect(app.quitCalls).toBe(3); // ours, the repeat, and the one after the cleanup
    expect(problems).toEqual([]);
  });

  it('quits even when the cleanup fails, saying why (without the stack)', async () => {
    const app = new FakeElectronApp();
    const held = heldCleanup();
    const problems: string[] = [];
    cleanUpBeforeQuit(app, held.cleanup, { timeoutMs: 10_000, onProblem: (p) => problems.push(p) });
    app.quit();
    held.finish(new Error('PostgreSQL did not stop'));
    await terminated(app);
    expect(problems).toEqual(['Stopping what the app started failed: PostgreSQL did not stop']);
  });

  it('quits after the timeout when the cleanup hangs', async () => {
    const app = new FakeElectronApp();
    const held = heldCleanup();
    const problems: string[] = [];
    cleanUpBeforeQuit(app, held.cleanup, { timeoutMs: 100, onProblem: (p) => problems.push(p) });
    const started = Date.now();
    app.quit();
    await terminated(app);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(problems).toEqual(['Stopping what the app started took longer than 0.1 s; quitting anyway.']);
  });
});
