import { runCli } from './run';

/** The first Ctrl-C asks the command to stop cleanly; a second one kills the process as usual. */
function interrupts(): AbortSignal {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  return controller.signal;
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  interrupts,
});
