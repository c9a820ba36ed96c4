import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateSynapseData } from '../../fixtures/synapse-data';
import { synapseAndMas } from './database-pair';
import { serverName } from './rules-fixture';
import { narrowedNodeArgs } from '../../helpers/narrowed-node';

const child = fileURLToPath(new URL('./warnings-child.ts', import.meta.url));

/**
 * Issue 11 §9: a check and a migration print no warning, in particular not
 * node-postgres's "client.query() when the client is already executing a
 * query" (queries queued on one client; pg 9 makes it an error). Node warns
 * of a deprecation once per process, so they run in a fresh one, where
 * --throw-deprecation turns it into a failure.
 */
describe('no warnings', () => {
  it('a check, a dry run and a real migration emit none', async () => {
    const { synapse, mas } = await synapseAndMas((c) => generateSynapseData(c, { serverName, users: 200 }));
    const run = await promisify(execFile)(process.execPath, ['--throw-deprecation', ...narrowedNodeArgs, child, synapse, mas]).then(
      ({ stderr }) => ({ code: 0, stderr }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(run).toEqual({ code: 0, stderr: '' });
  });
});
