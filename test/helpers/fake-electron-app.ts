import { EventEmitter } from 'node:events';

/**
 * Electron's `app` as far as its documented lifecycle goes, for the host's own lifecycle functions
 * (the Electron binary cannot run here). Relied-on facts, from Electron's app docs:
 * - `requestSingleInstanceLock()` answers false when another instance holds the lock, and that
 *   instance then gets 'second-instance';
 * - `quit()` emits 'before-quit' first; "calling event.preventDefault() will prevent the default
 *   behavior, which is terminating the application".
 */
export class FakeElectronApp extends EventEmitter {
  quitCalls = 0;
  terminated = false;

  constructor(private readonly lockGranted = true) {
    super();
  }

  requestSingleInstanceLock(): boolean {
    return this.lockGranted;
  }

  quit(): void {
    this.quitCalls++;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.terminated = true;
  }

  /** What a second start of the app makes the first one see. */
  secondInstance(): void {
    this.emit('second-instance', {}, ['mas-migrator'], '/home/admin', {});
  }
}

/** Waits until the app terminated (or fails the test after `ms`). */
export async function terminated(app: FakeElectronApp, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!app.terminated) {
    if (Date.now() > until) throw new Error(`the app did not terminate within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
