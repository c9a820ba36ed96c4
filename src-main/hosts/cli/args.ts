import { type ParseArgsConfig, parseArgs } from 'node:util';
import { AppError } from '../../../src-shared/errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a command's options strictly (unknown options and stray words are
 * errors) and turns node's parse errors into one clear usage error.
 */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new AppError('usage', `${command}: ${message}`, `Run "mas-migrator ${command} --help" for the options.`);
  }
}

/** Every command takes --help. */
export const helpOption = { help: { type: 'boolean', default: false } } as const;

/**
 * A command's options (with helpOption) parsed strictly: with `--help` its
 * usage is printed instead and the result is undefined (the command then exits 0).
 */
export function parseOrHelp<O extends Options & typeof helpOption>(
  command: string,
  args: string[],
  options: O,
  usage: string,
  out: { write(text: string): unknown },
) {
  const values = parseCommandArgs(command, args, options);
  if (!(values as { help?: boolean }).help) return values;
  out.write(usage);
  return undefined;
}

/** A required, repeatable file option: at least one value. */
export function requireFiles(command: string, option: string, values: string[] | undefined): string[] {
  if (!values || values.length === 0) {
    throw new AppError(
      'usage',
      `${command}: --${option} FILE is required.`,
      `Give --${option} (repeat it for several files, merged in order).`,
    );
  }
  return values;
}
