import { appVersion } from '../../app-version';

export interface CliIO {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
}

const usage = `Usage: mas-migrator <command> [options]

Commands:
  syn2mas check      check the Synapse and MAS configs and databases
  syn2mas migrate    migrate Synapse's accounts into MAS (--dry-run to rehearse)
  config generate    generate a MAS config from Synapse's
  --version          print the version
  --help             print this help
`;

/** The command line: returns the exit code instead of exiting, so tests can drive it in-process. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(usage);
    return 0;
  }
  if (command === '--version' || command === '-V') {
    io.stdout.write(`mas-migrator ${appVersion}\n`);
    return 0;
  }
  io.stderr.write(`mas-migrator: unknown command "${argv.join(' ')}".\n\n${usage}`);
  return 2;
}
