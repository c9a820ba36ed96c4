import { AppError } from '../../../src-shared/errors';

/** A stream's rows (what `describe` names) did not come in the order a comparison relies on, at row `row`. */
export function outOfOrder(describe: string, row: number): AppError {
  return new AppError(
    'verify-order',
    `The rows of ${describe} did not arrive in the order the comparison needs (row ${row}); nothing can be concluded.`,
    'The database must sort text with COLLATE "C" as PostgreSQL does; report this with the PostgreSQL version.',
  );
}
