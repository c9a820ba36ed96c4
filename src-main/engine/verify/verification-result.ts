import type { TableVerification, VerificationResult } from '../../../src-shared/domain/verification';
import type { MigrationStart } from './migration-start';

type Problem = NonNullable<VerificationResult['problem']>;

/** The outcome of compared tables: `match` only when every row of every table matches and nothing is missing or extra. */
export function verificationOf(serverName: string, started: Date, tables: TableVerification[], start: MigrationStart): VerificationResult {
  const differs = tables.some((t) => t.differences.length > 0);
  const at = start.at();
  return {
    outcome: differs ? 'differs' : 'match',
    serverName,
    verifiedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    migrationStart: at === null ? null : { at, source: start.source },
    tables,
  };
}

/** A verification that could not compare, with the reason the admin can act on. */
export function cannotCompare(serverName: string, started: Date, problem: Problem): VerificationResult {
  return {
    outcome: 'cannot-compare',
    serverName,
    verifiedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    migrationStart: null,
    tables: [],
    problem,
  };
}
