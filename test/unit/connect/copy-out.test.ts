import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { pgMajorsChecked } from '../../../src-main/connect/postgres/copy-out';

describe('the COPY out adapter on pg', () => {
  it('runs on a pg major version it was checked against (it uses pg internals: see copy-out.ts)', () => {
    const require = createRequire(import.meta.url);
    const { version } = JSON.parse(readFileSync(require.resolve('pg/package.json'), 'utf8')) as { version: string };
    const major = Number(version.split('.')[0]);
    expect(Number.isInteger(major)).toBe(true);
    // On failure: check CopyOut against the new pg (submit, the socket's one 'data' listener, the handle* calls), then add the major.
    expect(pgMajorsChecked, `pg ${version} is installed`).toContain(major);
  });
});
