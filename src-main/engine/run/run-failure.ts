import { ChecksFailedError } from '../../../src-shared/domain/checks-failed';
import { AppError } from '../../../src-shared/errors';
import { isConnectionLoss, originOf } from '../../connect/postgres/pg-helpers';

export const resumableHint =
  'The MAS database is left in a resumable state (tables renamed to syn2mas__*, definitions saved in the restore tables): run the migration again to continue; MAS must not be started until it completes.';

/** Turns any failure into a message that says what happened to the MAS database (and which connection broke, if one did). */
export function runFailure(cause: unknown, cancelled: boolean, paused: boolean): AppError {
  const state = paused ? resumableHint : 'The MAS database was not changed (apart from upstream provider rows, if any were missing).';
  if (cancelled) return new AppError('cancelled', 'The migration was cancelled.', state);
  if (cause instanceof ChecksFailedError) return cause;
  if (!(cause instanceof AppError) && isConnectionLoss(cause)) {
    const origin = originOf(cause);
    const which = origin ? `the ${origin.side} database (${origin.description})` : 'a database';
    return new AppError(
      'db-connection-lost',
      `The connection to ${which} was lost: ${(cause as Error).message}.`,
      `Check that PostgreSQL is running and reachable there, then run again. ${state}`,
    );
  }
  if (cause instanceof AppError)
    return paused && cause.code !== 'rebuild-failed'
      ? new AppError(cause.code, cause.message, `${cause.hint ?? ''} ${state}`.trim())
      : cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  return new AppError('migration-interrupted', `The migration stopped: ${message}.`, `Fix the cause and run again. ${state}`);
}
