import { AppError, databaseOpenFailures } from '../../../../src-shared/errors';
import type { PasswordCheck } from '../../../../src-shared/domain/password-check';
import { passwordVerdict } from '../../../../src-shared/domain/password-verdict';
import { usingSource } from '../../../app/sources/migration-source';
import { checkSourcePassword } from '../../../app/prove-migration';
import { helpOption, parseOrHelp } from '../args';
import { openCliSource, sourceOptions, sourceUsage } from '../cli-source';
import { type CliIO, reportFailure } from '../cli-io';
import { readSecretLine, SecretInputCancelled } from '../secret-input';
import { exitCancelled } from './syn2mas-migrate';

export const syn2masCheckPasswordUsage = `Usage: mas-migrator syn2mas check-password --user @name:server --config MAS.yaml --synapse-config homeserver.yaml [options]

Tells whether MAS will accept a password for one user (your own, or a test account): reads the
user's hash from Synapse and checks the password exactly as MAS password scheme 1 will (Unicode NFKC
when unicode_normalization is true, the scheme's secret appended, bcrypt's 72-byte limit).
The password is read from standard input: one line, not echoed on a terminal. It is never printed,
logged, stored or sent anywhere.

  --user USER_ID                   the Synapse user ID, @localpart:server_name
${sourceUsage}
  --help                           print this help

Exit codes: 0 MAS will accept it, 12 it will not (the reason and the settings used are printed),
10 there is no usable password scheme 1 in the MAS config (or the Synapse database cannot be
reached), 2 bad input (no such user, no password given, usage), 130 cancelled.
`;

const options = {
  ...helpOption,
  ...sourceOptions,
  user: { type: 'string' },
} as const;

export const exitRejected = 12;
const exitCannotCheck = 10;

function describe(check: PasswordCheck): string {
  const verdict = passwordVerdict(check);
  return `${[`${verdict.title}.`, `    settings used: ${verdict.settings}`, ...verdict.notes.map((n) => `    ${n}`)].join('\n')}\n`;
}

/** `syn2mas check-password --user USER_ID` (SPEC §10). */
export async function runSyn2masCheckPassword(args: string[], io: CliIO): Promise<number> {
  try {
    const values = parseOrHelp('syn2mas check-password', args, options, syn2masCheckPasswordUsage, io.stdout);
    if (!values) return 0;
    if (!values.user)
      throw new AppError(
        'usage',
        'syn2mas check-password: --user USER_ID is required.',
        'Give the Synapse user ID, e.g. --user @alice:example.org.',
      );
    const { stdin } = io;
    if (!stdin) throw new AppError('usage', 'syn2mas check-password: no standard input to read the password from.');
    const user = values.user;
    const check = await usingSource(
      () => openCliSource('syn2mas check-password', values, io.env),
      async (source) => checkSourcePassword(source, user, await readSecretLine(stdin, io.stderr, 'password', `Password for ${user}: `)),
    );
    io.stdout.write(describe(check));
    return check.accepted ? 0 : exitRejected;
  } catch (error) {
    if (error instanceof SecretInputCancelled) return exitCancelled;
    if (error instanceof AppError && (error.code === 'no-usable-scheme' || databaseOpenFailures.has(error.code))) {
      reportFailure(io, error);
      return exitCannotCheck;
    }
    return reportFailure(io, error);
  }
}
