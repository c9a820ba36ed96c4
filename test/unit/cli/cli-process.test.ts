import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { masFixture, synapseFixture } from '../config/fixtures';

/** The real entry point in its own process: exit codes reach the shell and errors are one line. */
describe('mas-migrator as a process', () => {
  it('exits 2 with one line on stderr for a bad file, and 10 when the configs are clean but the database is unreachable', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src-main/hosts/cli/cli.ts', ...args], { encoding: 'utf8' });
    const bad = run('config', 'generate', '--synapse-config', synapseFixture('bad/wrong-types.yaml'));
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('wrong-types.yaml line 6: database.args.port');
    const clean = run(
      'syn2mas',
      'check',
      '--config',
      masFixture('matching-oidc-jinja.yaml'),
      '--synapse-config',
      synapseFixture('oidc-jinja.yaml'),
    );
    // The configs are clean; the fixtures' databases do not exist, which the database part reports as one error.
    expect(clean.status).toBe(10);
    expect(clean.stdout.match(/^ERROR \[[a-z-]+\]/gm)).toEqual(['ERROR [database-unreachable]']);
    expect(clean.stdout).toContain('The database checks could not run: Cannot reach PostgreSQL synapse@/var/run/postgresql:5432/synapse');
  });
});
