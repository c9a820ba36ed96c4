import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { narrowedNodeArgs } from '../../helpers/narrowed-node';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('loading the embedded PostgreSQL starter', () => {
  it('keeps the exit code of the process (the test run, a command) instead of turning it into 0', () => {
    const script = "import('./src-main/connect/embedded-postgres.ts').then(() => { process.exitCode = 3; });";
    const result = spawnSync(process.execPath, [...narrowedNodeArgs, '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(3);
  });
});
