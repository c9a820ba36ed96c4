import { describe, expect, it, vi } from 'vitest';
import { runSyn2masCheck } from '../../../src-main/hosts/cli/commands/syn2mas-check';
import { type CheckContext, configCheckSource } from '../../../src-main/hosts/cli/check-sources';
import { masFixture, reference, synapseFixture, yamlFiles } from '../config/fixtures';

const matching = ['--config', masFixture('matching-oidc-jinja.yaml'), '--synapse-config', synapseFixture('oidc-jinja.yaml')];
/** The configuration part alone: these fixtures name databases that do not exist (test/integration/migration covers the database part). */
async function configCheck(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  const code = await runSyn2masCheck(argv, io, [configCheckSource]);
  return { code, stdout, stderr };
}
const goodMas =
  'matrix:\n  homeserver: open.example\npasswords:\n  schemes:\n    - {version: 1, algorithm: bcrypt, unicode_normalization: true}\n';

describe('mas-migrator syn2mas check (configuration part)', () => {
  it('exits 0 and says so when nothing is wrong', async () => {
    const result = await configCheck(...matching);
    expect(result).toEqual({ code: 0, stdout: 'No problems found.\n', stderr: '' });
  });

  it("exits 10 on errors: Synapse's sample homeserver.yaml uses SQLite", async () => {
    const result = await configCheck(
      '--config',
      masFixture('matching-oidc-jinja.yaml'),
      '--synapse-config',
      reference('synapse-sample-homeserver.yaml'),
    );
    expect(result.code).toBe(10);
    expect(result.stdout).toMatch(/^ERROR \[synapse-db-sqlite\] Synapse uses SQLite/m);
    expect(result.stdout).toMatch(
      /^ERROR \[server-name-mismatch\] MAS matrix\.homeserver is "example\.com" but Synapse's server_name is "SERVERNAME"\.$/m,
    );
    expect(result.stdout).toContain('    at: ');
    expect(result.stdout).toContain('    fix: Port Synapse to PostgreSQL first');
    expect(result.stdout).toMatch(/3 errors and 0 warnings: fix the errors before migrating\.\n$/);
  });

  it('exits 11 with only warnings, errors listed before warnings', async () => {
    const [mas] = await yamlFiles(goodMas);
    const result = await configCheck('--config', mas!, '--synapse-config', synapseFixture('captcha-consent.yaml'));
    expect(result.code).toBe(11);
    expect(result.stdout.match(/^WARNING \[[a-z-]+\]/gm)).toEqual([
      'WARNING [registration-enabled]',
      'WARNING [user-consent]',
      'WARNING [captcha-not-ported]',
      'WARNING [consent-not-ported]',
    ]);
  });

  it('--json prints one JSON object for scripts, with the same exit code', async () => {
    const [mas] = await yamlFiles(goodMas);
    const result = await configCheck('--json', '--config', mas!, '--synapse-config', synapseFixture('captcha-consent.yaml'));
    expect(result.code).toBe(11);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ exitCode: 11, errors: 0, warnings: 4 });
    expect(report.findings.map((f: { id: string }) => f.id)).toContain('captcha-not-ported');
  });

  it('reads --synapse-config files and folders in order, as Synapse does (the Debian layout)', async () => {
    const [mas] = await yamlFiles(
      'matrix: {homeserver: debian.example}\npasswords:\n  schemes:\n    - {version: 1, algorithm: bcrypt, unicode_normalization: true}\n',
    );
    const alone = await configCheck('--config', mas!, '--synapse-config', synapseFixture('debian/homeserver.yaml'));
    expect(alone.code).toBe(2); // server_name is only in conf.d
    expect(alone.stderr).toContain('server_name is required but set in none of');
    const both = await configCheck(
      '--config',
      mas!,
      '--synapse-config',
      synapseFixture('debian/homeserver.yaml'),
      '--synapse-config',
      synapseFixture('debian/conf.d'),
    );
    expect(both.code).toBe(11);
    // registration is on in homeserver.yaml; conf.d's skipped entries are warnings, naming each.
    expect(both.stdout.match(/^WARNING \[[a-z-]+\].*$/gm)).toEqual([
      `WARNING [config-folder-entry-skipped] ${synapseFixture('debian/conf.d/disabled')} was not read: it is a subfolder, and Synapse reads only the .yaml files directly in ${synapseFixture('debian/conf.d')}.`,
      `WARNING [config-folder-entry-skipped] ${synapseFixture('debian/conf.d/registration.yml')} was not read: its name does not end in .yaml, and Synapse reads only the .yaml files directly in ${synapseFixture('debian/conf.d')}.`,
      'WARNING [registration-enabled] Registration is enabled in Synapse (enable_registration: true).',
    ]);
  });

  it('without --config, reads the paths in MAS_CONFIG', async () => {
    const [synapseOnly, matrix] = await yamlFiles(
      'passwords:\n  schemes:\n    - {version: 1, algorithm: bcrypt, unicode_normalization: true}\n',
      'matrix: {homeserver: wrong.example}\n',
    );
    vi.stubEnv('MAS_CONFIG', `${synapseOnly}:${matrix}`);
    try {
      const result = await configCheck('--synapse-config', synapseFixture('oidc-jinja.yaml'));
      expect(result.code).toBe(10);
      expect(result.stdout).toContain(`    at: ${matrix} line 1: matrix.homeserver`);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('bad input: one line on stderr naming the file and line, exit 2, no stack trace', async () => {
    const malformed = await configCheck(
      '--config',
      masFixture('matching-oidc-jinja.yaml'),
      '--synapse-config',
      synapseFixture('bad/malformed.yaml.txt'),
    );
    expect(malformed.code).toBe(2);
    expect(malformed.stdout).toBe('');
    expect(malformed.stderr).toMatch(/^mas-migrator: \S+bad\/malformed\.yaml\.txt line \d+: not valid YAML .*\n$/);
    expect(malformed.stderr.split('\n')).toHaveLength(2);
    expect(malformed.stderr).not.toMatch(/\bat \S+\.ts:\d+/);

    const missing = await configCheck('--config', '/nonexistent/mas.yaml', '--synapse-config', synapseFixture('oidc-jinja.yaml'));
    expect(missing).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /^mas-migrator: Cannot read the MAS config: \/nonexistent\/mas\.yaml does not exist on this computer\./,
      ),
    });

    const swapped = await configCheck(
      '--config',
      synapseFixture('oidc-jinja.yaml'),
      '--synapse-config',
      masFixture('matching-oidc-jinja.yaml'),
    );
    expect(swapped.code).toBe(2);
  });

  it('usage errors exit 2: a missing --synapse-config, an unknown option', async () => {
    expect(await configCheck(...matching.slice(0, 2))).toMatchObject({
      code: 2,
      stderr:
        'mas-migrator: syn2mas check: --synapse-config FILE is required. Give --synapse-config (repeat it for several files, merged in order).\n',
    });
    const unknown = await configCheck(...matching, '--frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--frobnicate'");
  });

  it('--help lists the options and exit codes', async () => {
    const result = await configCheck('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--ignore-missing-auth-providers');
    expect(result.stdout).toContain('10 errors found, 11 only warnings');
  });

  it('runs every check source it is given (where database checks plug in), passing the options on', async () => {
    const seen: unknown[] = [];
    const databaseSource = {
      name: 'database',
      run: async (ctx: CheckContext) => {
        const settings = await ctx.settings();
        seen.push([settings.synapseDatabase.database, settings.ignoreMissingAuthProviders, settings.dryRun]);
        return [{ id: 'guests-in-db', severity: 'warning' as const, area: 'synapse-database' as const, message: '3 guests', fix: 'f' }];
      },
    };
    let stdout = '';
    const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true } };
    const code = await runSyn2masCheck(
      [...matching, '--synapse-database-uri', 'postgresql:///synapse', '--ignore-missing-auth-providers'],
      io,
      [configCheckSource, databaseSource],
    );
    expect(code).toBe(11);
    expect(seen).toEqual([['synapse', true, true]]);
    expect(stdout).toContain('WARNING [guests-in-db] 3 guests');
  });
});
