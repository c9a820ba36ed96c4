import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sessionsGone, withClient } from '../../helpers/databases';
import { generateSynapseData } from '../../fixtures/synapse-data';
import { writeConfigFiles } from './config-files';
import { synapseAndMas } from './database-pair';
import { serverName } from './rules-fixture';
import { narrowedNodeArgs } from '../../helpers/narrowed-node';

/** The real entry point in its own process, stopped by a real SIGINT (Ctrl-C) while it writes. */
/** `syn2mas migrate` in its own process, given a SIGINT once its progress on stderr matches `interruptAt`. */
async function migrateProcess(extra: string[] = []) {
  const { synapse, mas } = await synapseAndMas((c) => generateSynapseData(c, { serverName, users: 3000 }));
  const files = await writeConfigFiles(synapse, mas);
  const args = [
    ...narrowedNodeArgs,
    'src-main/hosts/cli/cli.ts',
    'syn2mas',
    'migrate',
    '--config',
    files.masConfig,
    '--synapse-config',
    files.synapseConfig,
    '--ignore-missing-auth-providers',
    ...extra,
  ];
  const run = (interruptAt?: RegExp) =>
    new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let stdout = '';
      let sent = false;
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => {
        stderr += d;
        if (interruptAt && !sent && interruptAt.test(stderr)) {
          sent = true;
          child.kill('SIGINT');
        }
      });
      child.on('close', (code) => resolve({ code, stderr, stdout }));
    });
  return { synapse, mas, run };
}

describe('mas-migrator syn2mas migrate and Ctrl-C', () => {
  it('exits 130, says MAS is resumable, and the next run completes', async () => {
    const { synapse, run } = await migrateProcess();
    const interrupted = await run(/^› [^:\n]+: /m);
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toContain('Cancelling: the MAS database will be left resumable');
    expect(interrupted.stderr).toContain('The migration was cancelled.');
    // The cancelled process has exited, but PostgreSQL ends its backends on its own time (seconds on a busy
    // machine): until then the next real run rightly refuses, naming them as other Synapse sessions.
    await sessionsGone(synapse);
    const again = await run();
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('(continued an interrupted run)');
  });

  it('during --verify after the commit: stops the verification only, says so, and MAS holds the migration', async () => {
    const { mas, run } = await migrateProcess(['--verify']);
    const interrupted = await run(/^› Verifying MAS against Synapse/m);
    expect(interrupted.stderr).toContain('Cancelling the verification: the migration itself is committed.');
    expect(interrupted.stderr).not.toContain('resumable');
    // The report is printed; the verification could not compare (exit 10), saying why.
    expect(interrupted.code, interrupted.stderr).toBe(10);
    expect(interrupted.stdout).toContain('The verification was cancelled. The migration itself had finished and is committed.');
    const users = await withClient(mas, async (c) => (await c.query('SELECT count(*)::int AS n FROM users')).rows[0].n);
    expect(users).toBeGreaterThan(2500);
  });
});
