/** The part of Electron's `app` the lifecycle uses (an EventEmitter there; a plain one in the tests). */
export interface LifecycleApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
}

/**
 * One instance at a time. Electron's docs: `requestSingleInstanceLock()` returns false "if your process
 * should immediately quit as it has sent its parameters to another instance that has already acquired
 * the lock", and that instance then gets 'second-instance'. False here: this process is quitting.
 */
export function takeSingleInstanceLock(app: LifecycleApp, showExisting: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => showExisting());
  return true;
}

export interface QuitCleanupOptions {
  /** How long quitting may wait for the cleanup before the app quits anyway. */
  timeoutMs: number;
  /** Told when the cleanup failed or timed out (the app quits all the same; the next start clears leftovers). */
  onProblem(problem: string): void;
}

/**
 * Runs `cleanup` once before the app quits. Electron's docs: 'before-quit' is "emitted before the
 * application starts closing its windows. Calling event.preventDefault() will prevent the default
 * behavior, which is terminating the application." So the first quit is held while the cleanup runs,
 * every quit meanwhile too, and then `app.quit()` is called again and goes through. (On Windows the
 * event is not emitted at a system shutdown or logout: the next start's cleanup covers that.)
 */
export function cleanUpBeforeQuit(app: LifecycleApp, cleanup: () => Promise<void>, options: QuitCleanupOptions): void {
  let state: 'running' | 'cleaning' | 'done' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'cleaning') return;
    state = 'cleaning';
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        options.onProblem(`Stopping what the app started took longer than ${options.timeoutMs / 1000} s; quitting anyway.`);
        resolve();
      }, options.timeoutMs);
    });
    const cleaned = cleanup().catch((error: unknown) => {
      options.onProblem(`Stopping what the app started failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    void Promise.race([cleaned, timedOut]).then(() => {
      clearTimeout(timer);
      state = 'done';
      app.quit();
    });
  });
}
