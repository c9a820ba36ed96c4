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

/** An app whose quit cleanup the test finishes itself, counting its runs and keeping what it reported. */
function quittingApp(timeoutMs = 10_000) {
  const app = new FakeElectronApp();
  let finish: (error?: Error) => void = () => {};
  const held = { app, runs: 0, problems: [] as string[], finish: (error?: Error) => finish(error) };
  const cleanup = () => {
    held.runs++;
    return new Promise<void>((resolve, reject) => {
      finish = (error) => (error ? reject(error) : resolve());
    });
  };
  cleanUpBeforeQuit(app, cleanup, { timeoutMs, onProblem: (p) => held.problems.push(p) });
  return held;
}

describe('the cleanup before quitting', () => {
  it('holds the quit until the cleanup is done, runs it once however often quit is asked, then quits', async () => {
    const held = quittingApp();
    held.app.quit();
    held.app.quit(); // Ctrl-Q pressed again while stopping
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(held.app.terminated).toBe(false);
    expect(held.runs).toBe(1);

    held.finish();
    await terminated(held.app);
    expect(held.runs).toBe(1);
    expect(held.app.quitCalls).toBe(3); // ours, the repeat, and the one after the cleanup
    expect(held.problems).toEqual([]);
  });

  it('quits even when the cleanup fails, saying why (without the stack)', async () => {
    const held = quittingApp();
    held.app.quit();
    held.finish(new Error('PostgreSQL did not stop'));
    await terminated(held.app);
    expect(held.problems).toEqual(['Stopping what the app started failed: PostgreSQL did not stop']);
  });

  it('quits after the timeout when the cleanup hangs', async () => {
    const held = quittingApp(100);
    const started = Date.now();
    held.app.quit();
    await terminated(held.app);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(held.problems).toEqual(['Stopping what the app started took longer than 0.1 s; quitting anyway.']);
  });
});
