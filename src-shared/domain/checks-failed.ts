import { AppError } from '../errors';
import { plural } from '../text';
import type { Finding } from './finding';

/** The checks found errors: nothing was written. Carries every finding for display. */
export class ChecksFailedError extends AppError {
  constructor(readonly findings: Finding[]) {
    const errors = findings.filter((f) => f.severity === 'error');
    super(
      'checks-failed',
      `The checks found ${plural(errors.length, 'error')}: ${errors.map((f) => f.id).join(', ')}. Nothing was written.`,
      'Fix the errors listed and run again.',
    );
  }
}
