import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { populateSandbox } from '../../../src-main/sandbox/populate';
import { type RunningSandbox, startSandbox } from '../../../src-main/sandbox/sandbox';
import { sandboxServerName } from '../../../src-main/sandbox/sandbox-configs';
import { databaseUri } from '../../../src-main/sandbox/sandbox-databases';
import { withClient } from '../../helpers/databases';
import { chromiumPath, launchChromium } from '../../helpers/browser';
import { runBuiltCli } from '../../helpers/built-cli';
import { signInAtSandbox } from '../../helpers/oidc-test-provider';
import { hasTool } from '../../helpers/tools';

/**
 * Issue 21's "done when" on the command line: the sandbox (started as the app
 * starts it) has a local OpenID provider standing in for its homeserver's;
 * the built `mas-migrator syn2mas test-login` signs in there (the printed URL
 * opened in real Chromium) and names the sample user, a wrong subject
 * template is caught before any migration, and after `syn2mas migrate` the
 * same login names the migrated user.
 */
describe.runIf(hasTool(chromiumPath, 'chromium'))('test-login on the sandbox, with the built command line', () => {
  let sandbox: RunningSandbox;
  let browser: Browser;
  let masConfig: string;
  let providerId: string;
  let files: string[];

  beforeAll(async () => {
    sandbox = await startSandbox({ populate: (db) => populateSandbox(db, sandboxServerName, 20) });
    browser = await launchChromium();
    const { synapseConfigPath } = sandbox.files;
    // The admin pairs Synapse's provider: `config generate` writes it from homeserver.yaml; it goes into the sandbox's MAS config.
    const generatedPath = join(sandbox.files.folder, 'generated.yaml');
    const generate = await runBuiltCli(['config', 'generate', '--synapse-config', synapseConfigPath, '--output', generatedPath]);
    expect(generate.code, generate.stderr).toBe(0);
    const providers = parse(await readFile(generatedPath, 'utf8')).upstream_oauth2.providers as { id: string; synapse_idp_id: string }[];
    const google = providers.find((p) => p.synapse_idp_id === 'oidc-google')!;
    providerId = google.id;
    masConfig = sandbox.files.masConfigPath;
    const document = parseDocument(await readFile(masConfig, 'utf8'));
    // Beside the provider for Dex, when the sandbox has a directory.
    const others = (document.toJS().upstream_oauth2?.providers ?? []) as unknown[];
    document.setIn(['upstream_oauth2'], document.createNode({ providers: [...others, google] }));
    await writeFile(masConfig, document.toString());
    files = ['--config', masConfig, '--synapse-config', synapseConfigPath];
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), sandbox?.stop()]);
  });

  /** The command's sessions on the sandbox's PostgreSQL: none is held while the admin signs in (a real run would refuse to start). */
  async function testLoginSessions(): Promise<number> {
    return withClient(databaseUri(sandbox.databases.synapse), async (c) => {
      const { rows } = await c.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'mas-migrator test-login'");
      return rows[0].n as number;
    });
  }

  /** `mas-migrator syn2mas test-login`, the printed URL signed in at as `userId`. */
  async function testLogin(userId: string, config = masConfig) {
    let signedIn: Promise<void> | undefined;
    const sessionsWhileSigningIn: number[] = [];
    const argv = [
      'syn2mas',
      'test-login',
      '--provider',
      providerId,
      '--config',
      config,
      '--synapse-config',
      sandbox.files.synapseConfigPath,
    ];
    const result = await runBuiltCli(argv, (stderr) => {
      const url = /^ {2}(http\S+)$/m.exec(stderr)?.[1];
      if (url && !signedIn)
        signedIn = testLoginSessions().then((n) => {
          sessionsWhileSigningIn.push(n);
          return signInAtSandbox(browser, userId)(url);
        });
    });
    await signedIn;
    expect(sessionsWhileSigningIn).toEqual([0]);
    return result;
  }

  it('the sandbox provider has sample users whose subject is the external ID Synapse stored', () => {
    expect(sandbox.openIdProvider.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.openIdProvider.accounts.map((a) => [a.sub, a.userId])).toEqual([
      ['g-9', '@user9:sandbox.example.org'],
      ['g-12', '@user12:sandbox.example.org'],
      ['g-15', '@user15:sandbox.example.org'],
    ]);
  });

  it('names the sample user before the migration (exit 0)', async () => {
    const result = await testLogin('@user9:sandbox.example.org');
    expect(result.stdout).toBe(
      'This login is subject "g-9": it is @user9:sandbox.example.org\'s link (in Synapse; it migrates unchanged).\n',
    );
    expect(result.stderr).toContain(`Open this URL in a browser and sign in (Ctrl-C cancels):\n\n  ${sandbox.openIdProvider.issuer}/`);
    expect(result.code).toBe(0);
  });

  it('a wrong subject template is caught before any migration: linked to nobody (exit 13)', async () => {
    // The admin's mistake: the localpart's claim as the subject (Synapse stored the provider's sub).
    const document = parseDocument(await readFile(masConfig, 'utf8'));
    const index = (document.toJS().upstream_oauth2.providers as { id: string }[]).findIndex((p) => p.id === providerId);
    document.setIn(
      ['upstream_oauth2', 'providers', index, 'claims_imports', 'subject'],
      document.createNode({ template: '{{ user.preferred_username }}' }),
    );
    const wrong = join(sandbox.files.folder, 'mas-config-wrong.yaml');
    await writeFile(wrong, document.toString());
    const result = await testLogin('@user12:sandbox.example.org', wrong);
    expect(result.stdout).toBe(
      'This login is subject "user12": it is linked to nobody: MAS would create a new account or refuse the login.\n',
    );
    expect(result.code).toBe(13);
  });

  it('after `syn2mas migrate`, names the migrated user (exit 0)', async () => {
    const migrate = await runBuiltCli(['syn2mas', 'migrate', ...files, '--ignore-missing-auth-providers']);
    expect(migrate.code, migrate.stderr).toBe(0);
    const result = await testLogin('@user15:sandbox.example.org');
    expect(result.stdout).toBe('This login is subject "g-15": it is @user15:sandbox.example.org\'s link (migrated from Synapse).\n');
    expect(result.code).toBe(0);
  });
});
