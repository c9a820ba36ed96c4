import type pg from 'pg';
import { AppError } from '../../../src-shared/errors';
import { pgCode } from '../../connect/postgres/pg-helpers';
import type { RebuildStep } from '../mas/constraint-pause';
import type { ProgressTracker } from './progress-tracker';
import { resumableHint } from './run-failure';

/** A paused table's name as MAS knows it. */
export const unpaused = (table: string) => table.replace(/^syn2mas__/, '');

/** SQLSTATE classes of errors the data causes: data exceptions, integrity violations, limits (an index row too big). */
const dataErrorClasses = new Set(['22', '23', '54']);

/** One rebuild step as its own progress stage; a failure the data caused names the index or constraint. */
export async function runRebuildStep(client: pg.Client, step: RebuildStep, id: string, tracker: ProgressTracker): Promise<void> {
  tracker.start(id);
  try {
    await client.query(step.sql);
  } catch (error) {
    if (!dataErrorClasses.has(pgCode(error)?.slice(0, 2) ?? '')) throw error; // e.g. the connection was lost
    throw new AppError(
      'rebuild-failed',
      `Rebuilding the ${step.kind} ${step.name} on ${unpaused(step.table)} failed: ${(error as Error).message}.`,
      `This usually means the Synapse data holds duplicates MAS does not allow. ${resumableHint}`,
    );
  }
  tracker.done(id);
}
