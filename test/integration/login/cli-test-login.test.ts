import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRunOptions, runCliCaptured } from '../../helpers/cli';
import { launchChromium } from '../../helpers/browser';
import { startTestProvider, type TestProvider, signInWith } from '../../helpers/oidc-test-provider';
import { loginHomeserver, providerUlid } from './login-fixture';

/**
 * `syn2mas test-login` end to end (SPEC §12): config files as an admin has
 * them, a real OpenID provider, the URL the command prints opened in real
 * Chromium, and the verdict looked up in a real Synapse database before the
 * migration and in MAS after a real `syn2mas migrate`.
 */
let idp: TestProvider;
let browser: Browser;
let synapseConfig: string;
let masConfig: (name: string, template: string) => Promise<string>;

beforeAll(async () => {
  idp = await startTestProvider({ alice: { preferred_username: 'Alice', email: 'alice@example.org', oid: 'ad-0042' } });
  browser = await launchChromium();
  ({ synapseConfig, masConfig } = await loginHomeserver(idp.issuer));
});

afterAll(async () => {
  await Promise.all([browser?.close(), idp?.close()]);
});

/** `act` is handed the URL the command prints to open; `args` are test-login's own. */
async function testLogin(config: string, act: (url: string) => unknown, args: string[] = [], options: CliRunOptions = {}) {
  let stderrSoFar = '';
  let acting: Promise<unknown> | undefined;
  const result = await runCliCaptured(
    ['syn2mas', 'test-login', '--provider', providerUlid, '--config', config, '--synapse-config', synapseConfig, ...args],
    {
      ...options,
      onStderr: (text) => {
        stderrSoFar += text;
        const url = /^ {2}(http\S+)$/m.exec(stderrSoFar)?.[1];
        if (url && !acting) {
          acting = Promise.resolve(act(url));
          // Awaited below; until then a failure must not count as unhandled.
          acting.catch(() => {});
        }
      },
    },
  );
  // The browser's side must have ended too (its page said the login was received), not be cut off by the next test.
  await acting;
  return result;
}

describe('syn2mas test-login (SPEC §12)', () => {
  it('a wrong subject template is caught before any migration runs: linked to nobody, exit 13', async () => {
    const wrong = await masConfig('wrong', '{{ user.oid }}');
    const result = await testLogin(wrong, signInWith(browser, 'alice'));
    expect(result.stdout).toBe(
      'This login is subject "ad-0042": it is linked to nobody: MAS would create a new account or refuse the login.\n',
    );
    expect(result.stderr).toContain(`Open this URL in a browser and sign in (Ctrl-C cancels):\n\n  ${idp.issuer}/`);
    expect(result.code).toBe(13);
  });

  it('before the migration the right template names the Synapse user; after `syn2mas migrate` it names the migrated user (exit 0)', async () => {
    const right = await masConfig('right', '{{ user.preferred_username | lower }}');
    const before = await testLogin(right, signInWith(browser, 'alice'));
    expect(before.stdout).toBe('This login is subject "alice": it is @alice:example.org\'s link (in Synapse; it migrates unchanged).\n');
    expect(before.code).toBe(0);

    const migrated = await runCliCaptured(['syn2mas', 'migrate', '--config', right, '--synapse-config', synapseConfig]);
    expect(migrated.code, migrated.stderr).toBe(0);

    // MAS now holds the provider's links: the lookup goes there without being told.
    const after = await testLogin(right, signInWith(browser, 'alice'));
    expect(after.stdout).toBe('This login is subject "alice": it is @alice:example.org\'s link (migrated from Synapse).\n');
    expect(after.code).toBe(0);
    // Forced to Synapse, the same login says so.
    const forced = await testLogin(right, signInWith(browser, 'alice'), ['--before-migration']);
    expect(forced.stdout).toContain('(in Synapse; it migrates unchanged)');
  });

  it('an unknown provider id is bad input naming the id and the ids the MAS config has', async () => {
    const right = await masConfig('listed', '{{ user.sub }}');
    const result = await runCliCaptured([
      'syn2mas',
      'test-login',
      '--provider',
      '01AAAAAAAAAAAAAAAAAAAAAAAA',
      '--config',
      right,
      '--synapse-config',
      synapseConfig,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `mas-migrator: The MAS config (${right}) has no upstream provider 01AAAAAAAAAAAAAAAAAAAAAAAA. Its providers are: ${providerUlid} (oidc-test).\n`,
    );
  });

  it('Ctrl-C while the browser is open cancels with exit 130, and nothing is printed on standard output', async () => {
    const controller = new AbortController();
    const config = await masConfig('cancel', '{{ user.sub }}');
    const result = await testLogin(config, () => controller.abort(), [], { interrupts: () => controller.signal });
    expect(result).toEqual({ code: 130, stdout: '', stderr: expect.stringContaining('mas-migrator: test login cancelled.\n') });
  });

  it('--help says what it does and its exit codes', async () => {
    const result = await runCliCaptured(['syn2mas', 'test-login', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Exit codes: 0 the login is a migrated user');
  });
});
