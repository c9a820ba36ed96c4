import { AppError } from '../../../src-shared/errors';
import { redactSecrets } from '../../../src-shared/redact';

import type { CliIO } from './run';

export type { CliIO };

/** Exit code for bad input (usage, unreadable or invalid files), as opposed to check results (10/11). */
export const exitBadInput = 2;
/** Exit code for an unexpected failure. */
export const exitInternal = 1;

/**
 * Reports a failure as one line on stderr (never a stack trace) and returns
 * the exit code: 2 for the admin's input, 1 for anything unexpected.
 */
export function reportFailure(io: CliIO, error: unknown): number {
  if (error instanceof AppError) {
    const { message, hint } = error.toReply();
    io.stderr.write(`mas-migrator: ${redactSecrets(message)}${hint ? ` ${redactSecrets(hint)}` : ''}\n`);
    return exitBadInput;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`mas-migrator: unexpected error: ${redactSecrets(message.split('\n')[0] ?? '')}\n`);
  return exitInternal;
}
