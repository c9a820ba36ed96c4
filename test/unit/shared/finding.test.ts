import { describe, expect, it } from 'vitest';
import { checkExitCode, type Finding } from '../../../src-shared/domain/finding';

const f = (severity: Finding['severity']): Finding => ({ id: 'x', severity, area: 'synapse-config', message: 'm', fix: 'f' });

describe('check exit codes (SPEC §2)', () => {
  it('is 10 with any error, 11 with only warnings, 0 otherwise', () => {
    expect(checkExitCode([f('warning'), f('error')])).toBe(10);
    expect(checkExitCode([f('warning'), f('info')])).toBe(11);
    expect(checkExitCode([f('info')])).toBe(0);
    expect(checkExitCode([])).toBe(0);
  });
});
