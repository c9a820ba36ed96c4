import { spawnSync } from 'node:child_process';
import { copyFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { narrowedNodeArgs } from '../../helpers/narrowed-node';
import { masFixture, synapseFixture, yamlFiles } from '../config/fixtures';
import { tempFolder } from '../../helpers/temp-folders';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The command line run from `cwd` with exactly `env` (plus PATH), as an admin's shell would. */
function cliIn(cwd: string, env: Record<string, string>, ...args: string[]) {
  return spawnSync(process.execPath, [...narrowedNodeArgs, join(repoRoot, 'src-main/hosts/cli/cli.ts'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
}

/** The real entry point in its own process: exit codes reach the shell and errors are one line. */
describe('mas-migrator as a process', () => {
  it('exits 2 with one line on stderr for a bad file, and 10 when the configs are clean but the database is unreachable', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [...narrowedNodeArgs, 'src-main/hosts/cli/cli.ts', ...args], { encoding: 'utf8' });
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

  it('without --config reads config.yaml in the working directory, else the colon-separated MAS_CONFIG (SPEC §1.3)', async () => {
    const cwd = await tempFolder('mas-cwd-');
    const synapse = ['--synapse-config', synapseFixture('oidc-jinja.yaml')];
    const none = cliIn(cwd, {}, 'syn2mas', 'check', ...synapse);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe(
      `mas-migrator: Cannot read the MAS config: ${join(cwd, 'config.yaml')} does not exist on this computer. Check the path.\n`,
    );
    await copyFile(masFixture('matching-oidc-jinja.yaml'), join(cwd, 'config.yaml'));
    const fromCwd = cliIn(cwd, {}, 'syn2mas', 'check', ...synapse);
    // The config was read and is clean: only the (absent) databases are left to report.
    expect(fromCwd.stdout.match(/^ERROR \[[a-z-]+\]/gm)).toEqual(['ERROR [database-unreachable]']);
    const [passwords, matrix] = await yamlFiles(
      'passwords:\n  schemes:\n    - {version: 1, algorithm: bcrypt, unicode_normalization: true}\n',
      'matrix: {homeserver: other.example}\n',
    );
    const fromEnv = cliIn(cwd, { MAS_CONFIG: `${passwords}:${matrix}` }, 'syn2mas', 'check', ...synapse);
    expect(fromEnv.status).toBe(10);
    expect(fromEnv.stdout).toMatch(/^ERROR \[server-name-mismatch\] MAS matrix\.homeserver is "other\.example"/m);
    expect(fromEnv.stdout).toContain(`    at: ${matrix} line 1: matrix.homeserver`);
    // The first file was read too: its version 1 scheme is there.
    expect(fromEnv.stdout).not.toContain('password-scheme-missing');
  });
});
