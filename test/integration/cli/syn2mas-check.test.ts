import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../helpers/cli';
import { databaseWithSchema } from '../../helpers/databases';
import { tempDataDir } from '../../helpers/profiles';
import { masFixture, reference, synapseFixture, yamlFiles } from '../../unit/config/fixtures';

const matching = ['--config', masFixture('matching-oidc-jinja.yaml'), '--synapse-config', synapseFixture('oidc-jinja.yaml')];
const goodMas =
  'matrix:\n  homeserver: open.example\npasswords:\n  schemes:\n    - {version: 1, algorithm: bcrypt, unicode_normalization: true}\n';

/** The fixtures name databases that do not exist: both are replaced by empty real ones, so only the configs make findings. */
let synapseUri: string[] = [];
let masDatabase: string[] = [];
beforeAll(async () => {
  const synapse = await databaseWithSchema('synapse');
  const mas = new URL(await databaseWithSchema('mas'));
  const override = join(await tempDataDir(), 'mas-database.yaml');
  const db = `database:\n  host: ${mas.hostname}\n  port: ${mas.port}\n  username: ${mas.username}\n  password: ${decodeURIComponent(mas.password)}\n  database: ${mas.pathname.slice(1)}\n  ssl_mode: disable\n`;
  await writeFile(override, db);
  synapseUri = ['--synapse-database-uri', synapse];
  masDatabase = ['--config', override];
});

/** `syn2mas check` with the given files, against the empty databases. */
const configCheck = (...argv: string[]) =>
  runCliCaptured(['syn2mas', 'check', ...argv, ...(argv.includes('--help') ? [] : [...synapseUri, ...masDatabase])]);

describe('mas-migrator syn2mas check, configuration findings', () => {
  it('exits 0 and says so when nothing is wrong', async () => {
    const result = await configCheck(...matching);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^INFO \[mas-schema-version\] The MAS database schema is at migration \d+\.$/m);
    expect(result.stdout).not.toMatch(/^(ERROR|WARNING)/m);
    expect(result.stdout).toMatch(/\n\nNo problems found\.\n$/);
  });

  it("exits 10 on errors: Synapse's sample homeserver.yaml uses SQLite (unless --synapse-database-uri replaces its database)", async () => {
    const sample = ['--config', masFixture('matching-oidc-jinja.yaml'), '--synapse-config', reference('synapse-sample-homeserver.yaml')];
    const result = await runCliCaptured(['syn2mas', 'check', ...sample, ...masDatabase]);
    expect(result.code).toBe(10);
    expect(result.stdout).toMatch(/^INFO \[database-checks-skipped\]/m);
    expect(result.stdout).toMatch(/^ERROR \[synapse-db-sqlite\] Synapse uses SQLite/m);
    expect(result.stdout).toMatch(
      /^ERROR \[server-name-mismatch\] MAS matrix\.homeserver is "example\.com" but Synapse's server_name is "SERVERNAME"\.$/m,
    );
    expect(result.stdout).toContain('    at: ');
    expect(result.stdout).toContain('    fix: Port Synapse to PostgreSQL first');
    expect(result.stdout).toMatch(/3 errors and 0 warnings: fix the errors before migrating\.\n$/);
    // SPEC §2: with the database given as a URI, the config's database section (and its driver) is not used.
    const overridden = await configCheck(...sample);
    expect(overridden.stdout).not.toContain('synapse-db-sqlite');
    expect(overridden.stdout).toMatch(/^ERROR \[server-name-mismatch\]/m);
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
    const env = { ...process.env, MAS_CONFIG: `${synapseOnly}:${matrix}` };
    const result = await runCliCaptured(['syn2mas', 'check', '--synapse-config', synapseFixture('oidc-jinja.yaml'), ...synapseUri], {
      env,
    });
    expect(result.code).toBe(10);
    expect(result.stdout).toContain(`    at: ${matrix} line 1: matrix.homeserver`);
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
    expect(result.stdout).toContain('10 errors found (a database that cannot be reached is one), 11 only warnings');
  });
});
