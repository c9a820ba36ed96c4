import { readFile, writeFile } from 'node:fs/promises';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { type CliRunOptions, runCliCaptured } from '../../helpers/cli';
import { sessionsGone, withClient } from '../../helpers/databases';
import { generateSynapseData } from '../../fixtures/synapse-data';
import { writeConfigFiles } from './config-files';
import { synapseAndMas } from './database-pair';
import { insertRuleRows, serverName } from './rules-fixture';

async function setup(fill: Parameters<typeof withClient>[1] = insertRuleRows) {
  const { synapse, mas } = await synapseAndMas(fill);
  const files = await writeConfigFiles(synapse, mas);
  return { synapse, mas, masConfig: files.masConfig, args: ['--config', files.masConfig, '--synapse-config', files.synapseConfig] };
}

const cli = (argv: string[], options: CliRunOptions = {}) => runCliCaptured(argv, options);

const count = (url: string, table = 'users') =>
  withClient(url, async (c) => (await c.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number);

describe('mas-migrator syn2mas check with databases', () => {
  it('adds the database findings: errors exit 10, warnings only exit 11 with --ignore-missing-auth-providers', async () => {
    const { args } = await setup();
    const strict = await cli(['syn2mas', 'check', ...args]);
    expect(strict.code).toBe(10);
    expect(strict.stdout).toMatch(/^ERROR \[provider-unknown-to-synapse\] 1 user has external IDs of provider "oidc-unknown"/m);
    expect(strict.stdout).toMatch(/^WARNING \[guests-in-db\]/m);
    expect(strict.stdout).toMatch(/^WARNING \[data-notices\] 1 device has an IP address/m);
    expect(strict.stdout).toContain('e.g.: @alice:example.org DEV_A3: garbage');
    const lenient = await cli(['syn2mas', 'check', ...args, '--ignore-missing-auth-providers', '--json']);
    expect(lenient.code).toBe(11);
    const json = JSON.parse(lenient.stdout);
    expect(json.findings.map((f: { id: string }) => f.id)).toEqual(
      expect.arrayContaining(['provider-unknown-to-synapse', 'mas-schema-version', 'non-email-threepids']),
    );
  });
});

describe('checks that never pass what they could not check (SPEC §2)', () => {
  it('a --synapse-database-uri that is not a URI is the error database-unreachable, exit 10, not "No problems found"', async () => {
    const { args } = await setup();
    const result = await cli(['syn2mas', 'check', ...args, '--synapse-database-uri', 'postgresql://u@h:notaport/x']);
    expect(result.code).toBe(10);
    expect(result.stdout).toMatch(
      /^ERROR \[database-unreachable\] The database checks could not run: The port "notaport" of the database URI/m,
    );
    expect(result.stdout).not.toContain('No problems found');
  });
});

describe('other sessions on the Synapse database (SPEC §2 synapse-connections)', () => {
  it('an idle session: check and a dry run warn; a real run refuses with exit 10 naming it, and goes ahead with --allow-synapse-connections', async () => {
    const { synapse, mas, args } = await setup();
    const idle = new pg.Client({ connectionString: synapse, application_name: 'synapse-worker-1' });
    await idle.connect();
    try {
      const check = await cli(['syn2mas', 'check', ...args, '--ignore-missing-auth-providers']);
      expect(check.stdout).toMatch(/^WARNING \[synapse-connections\] 1 other session is connected to the Synapse database/m);
      expect(check.stdout).toMatch(/e\.g\.: postgres from 127\.0\.0\.1 \("synapse-worker-1", idle, since \d{4}-/);
      const dry = await cli(['syn2mas', 'migrate', ...args, '--dry-run', '--ignore-missing-auth-providers']);
      expect(dry.code).toBe(0);
      expect(dry.stderr).toContain('WARNING [synapse-connections]');
      const refused = await cli(['syn2mas', 'migrate', ...args, '--ignore-missing-auth-providers']);
      expect(refused.code).toBe(10);
      expect(refused.stdout).toMatch(/^ERROR \[synapse-connections\]/m);
      expect(refused.stdout).toContain('"synapse-worker-1"');
      expect(await count(mas)).toBe(0);
      const allowed = await cli(['syn2mas', 'migrate', ...args, '--ignore-missing-auth-providers', '--allow-synapse-connections']);
      expect(allowed.code).toBe(0);
      expect(await count(mas)).toBe(6);
    } finally {
      await idle.end();
    }
  });
});

describe('a dry run that meets errors a real run would stop on (SPEC §2)', () => {
  it('rehearses, prints them, exits 10, and leaves MAS empty: a wrong pepper', async () => {
    const { mas, args, masConfig } = await setup();
    await writeFile(
      masConfig,
      (await readFile(masConfig, 'utf8')).replace('      algorithm: bcrypt\n', '      algorithm: bcrypt\n      secret: not-the-pepper\n'),
    );
    const result = await cli(['syn2mas', 'migrate', ...args, '--dry-run', '--ignore-missing-auth-providers']);
    expect(result.code).toBe(10);
    expect(result.stdout).toMatch(/^Dry run of example\.org finished/);
    expect(result.stdout).toMatch(/^ERROR \[password-scheme-pepper\]/m);
    expect(await count(mas)).toBe(0);
  });
});

describe('mas-migrator syn2mas migrate', () => {
  afterEach(() => {
    delete process.env.PGUSER;
    delete process.env.PGPASSWORD;
  });

  it('refuses with exit 10 and the findings when the checks find errors, writing nothing', async () => {
    const { mas, args } = await setup();
    const result = await cli(['syn2mas', 'migrate', ...args]);
    expect(result.code).toBe(10);
    expect(result.stdout).toContain('ERROR [provider-unknown-to-synapse]');
    expect(result.stderr).toContain('Nothing was written');
    expect(await count(mas, 'upstream_oauth_providers')).toBe(0);
  });

  it('--dry-run: plain progress lines, a report, and empty MAS tables afterwards', async () => {
    const { mas, args } = await setup();
    const result = await cli(['syn2mas', 'migrate', ...args, '--dry-run', '--ignore-missing-auth-providers']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^✓ Users: 8 of ~8 read, 6 migrated, 2 skipped$/m);
    // Warnings come before the data moves.
    expect(result.stderr.indexOf('WARNING [guests-in-db]')).toBeGreaterThanOrEqual(0);
    expect(result.stderr.indexOf('WARNING [guests-in-db]')).toBeLessThan(result.stderr.indexOf('› Users'));
    expect(result.stderr).toMatch(/^✓ Rebuilding index users_username_trgm_idx on users \(/m);
    expect(result.stdout).toMatch(/^Dry run of example\.org finished/);
    expect(result.stdout).toContain('    1 skipped: superseded: the next refresh token is already in use');
    expect(result.stdout).toContain('Dry run: nothing was kept in MAS');
    expect(result.stdout).toContain('1 device IP address was not valid and left empty.');
    expect(result.stdout).toMatch(/^WARNING \[guests-in-db\]/m);
    expect(result.stdout).not.toContain('read the warnings before migrating');
    expect(await count(mas)).toBe(0);
  });

  it('--json prints the report for scripts; the Synapse database may come from --synapse-database-uri with PG* fallbacks', async () => {
    const { synapse, mas, args } = await setup();
    const uri = new URL(synapse);
    process.env.PGUSER = decodeURIComponent(uri.username);
    process.env.PGPASSWORD = decodeURIComponent(uri.password);
    const bare = `postgresql://${uri.host}${uri.pathname}`;
    // The homeserver.yaml of another server's database would fail; the URI wins.
    const other = await setup();
    const result = await cli([
      'syn2mas',
      'migrate',
      ...other.args.slice(0, 2),
      '--synapse-config',
      args[3]!,
      '--synapse-database-uri',
      bare,
      '--ignore-missing-auth-providers',
      '--json',
      '--writers',
      '2',
    ]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ dryRun: false, rowsWritten: { users: 6, compat_refresh_tokens: 3 } });
    expect(await count(other.mas)).toBe(6);
    expect(await count(mas)).toBe(0);
  });

  it('Ctrl-C stops the run with exit 130, says MAS is resumable, and running again completes it', async () => {
    const { synapse, mas, args } = await setup((c) => generateSynapseData(c, { serverName, users: 3000 }));
    const controller = new AbortController();
    const interrupted = await cli(['syn2mas', 'migrate', ...args, '--ignore-missing-auth-providers'], {
      interrupts: () => controller.signal,
      onStderr: (t) => {
        if (/^› [^:]+: /.test(t)) controller.abort(); // an entity stage is writing
      },
    });
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toContain('The migration was cancelled.');
    expect(interrupted.stderr).toContain('resumable');
    await sessionsGone(synapse);
    const again = await cli(['syn2mas', 'migrate', ...args, '--ignore-missing-auth-providers']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('(continued an interrupted run)');
    expect(await count(mas)).toBeGreaterThan(2000);
  });

  it('usage errors exit 2', async () => {
    expect((await cli(['syn2mas', 'migrate', '--synapse-config', 'x.yaml'])).code).toBe(2);
    const bad = await cli(['syn2mas', 'migrate', '--config', 'a', '--synapse-config', 'b', '--writers', 'many']);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('--writers must be a whole number') });
  });
});
