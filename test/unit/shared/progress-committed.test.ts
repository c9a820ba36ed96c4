import { describe, expect, it } from 'vitest';
import { isCommitted, type MigrationProgress } from '../../../src-shared/domain/progress';

const progress = (dryRun: boolean, finish: 'pending' | 'running' | 'done' | undefined): MigrationProgress => ({
  dryRun,
  phase: 'finishing',
  elapsedMs: 1,
  stages: [
    { id: 'setup', kind: 'setup', label: 'Setting up', status: 'done', migrated: 0, skipped: 0 },
    ...(finish ? [{ id: 'finish', kind: 'finish' as const, label: 'Finishing', status: finish, migrated: 0, skipped: 0 }] : []),
    { id: 'verify', kind: 'finish', label: 'Verifying MAS against Synapse', status: 'running', migrated: 0, skipped: 0 },
  ],
});

describe('a run past its commit (a cancel then stops only the verification)', () => {
  it('is a real run whose finish stage is done', () => {
    expect(isCommitted(progress(false, 'done'))).toBe(true);
    expect(isCommitted(progress(false, 'running'))).toBe(false);
    expect(isCommitted(progress(false, undefined))).toBe(false);
    // A dry run verifies before emptying MAS, inside its transaction: nothing is committed.
    expect(isCommitted(progress(true, 'done'))).toBe(false);
    expect(isCommitted(undefined)).toBe(false);
  });
});
