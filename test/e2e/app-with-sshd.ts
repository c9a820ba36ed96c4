import { afterAll, afterEach, beforeAll } from 'vitest';
import { startSshd, type TestSshd } from '../helpers/sshd';
import { type OpenApp, openApp, shotOnFailure } from './app-driver';

/**
 * The app and a real sshd for the tests of one describe block: started
 * before them (`prepare` alongside sshd), a screenshot of each failed test,
 * both closed after them. `ready` hands them over once they are up.
 */
export function appWithSshd(ready: (ui: OpenApp, sshd: TestSshd) => void, prepare?: () => Promise<void>): void {
  let ui: OpenApp | undefined;
  let sshd: TestSshd | undefined;
  beforeAll(async () => {
    [sshd] = await Promise.all([startSshd(), prepare?.()]);
    ui = await openApp();
    ready(ui, sshd);
  });
  afterEach(shotOnFailure(() => ui));
  afterAll(async () => {
    await ui?.close();
    await sshd?.stop();
  });
}
