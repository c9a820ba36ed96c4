import { appVersion } from '../../app-version';
import { runConfigGenerate } from './commands/config-generate';
import { runSyn2masCheck } from './commands/syn2mas-check';
import { runSyn2masCheckPassword } from './commands/syn2mas-check-password';
import { runSyn2masGoLiveCheck } from './commands/syn2mas-go-live-check';
import { runSyn2masMigrate } from './commands/syn2mas-migrate';
import { runSyn2masTestLogin } from './commands/syn2mas-test-login';
import { runSyn2masVerify } from './commands/syn2mas-verify';
import type { SecretInput } from './secret-input';

export interface CliIO {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** The environment the command sees (PG* variables, MAS_MIGRATOR_PASSPHRASE, …). */
  env: NodeJS.ProcessEnv;
  /** Starts listening for Ctrl-C; the signal aborts on the first one. Only commands that can stop cleanly ask for it. */
  interrupts?: () => AbortSignal;
  /** Where commands read a secret from (a password, an access token): standard input. */
  stdin?: SecretInput;
}

/** Commands by their first two words; each gets the remaining arguments. */
const commands: Record<string, (args: string[], io: CliIO) => Promise<number>> = {
  'syn2mas check': runSyn2masCheck,
  'syn2mas migrate': runSyn2masMigrate,
  'syn2mas verify': runSyn2masVerify,
  'syn2mas check-password': runSyn2masCheckPassword,
  'syn2mas go-live-check': runSyn2masGoLiveCheck,
  'syn2mas test-login': runSyn2masTestLogin,
  'config generate': runConfigGenerate,
};

const usage = `Usage: mas-migrator <command> [options]

Commands:
  syn2mas check           check the Synapse and MAS configs and databases
  syn2mas migrate         migrate Synapse's accounts into MAS (--dry-run to rehearse)
  syn2mas verify          prove a migration: compare MAS row by row with what Synapse says it must hold
  syn2mas check-password  tell whether MAS will accept a user's password (read from standard input)
  syn2mas go-live-check   after the cutover: homeserver, MAS and an existing session, step by step
  syn2mas test-login      prove which account a login through a MAS upstream provider lands on
  config generate         generate a MAS config from Synapse's
  --version               print the version
  --help                  print this help

Run "mas-migrator <command> --help" for a command's options.
`;

/** The command line: returns the exit code instead of exiting, so tests can drive it in-process. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(usage);
    return 0;
  }
  const run = commands[argv.slice(0, 2).join(' ')];
  if (run) return run(argv.slice(2), io);
  if (command === '--version' || command === '-V') {
    io.stdout.write(`mas-migrator ${appVersion}\n`);
    return 0;
  }
  io.stderr.write(`mas-migrator: unknown command "${argv.join(' ')}".\n\n${usage}`);
  return 2;
}
