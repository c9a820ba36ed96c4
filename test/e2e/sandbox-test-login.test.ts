import { readFile, writeFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { chromiumPath, launchChromium } from '../helpers/browser';
import { signInOnSandbox } from '../helpers/oidc-test-provider';
import { hasTool } from '../helpers/tools';
import { startBuiltWebHost, type WebHostProcess } from '../helpers/web-host-process';
import { appDriver, poll } from './app-driver';

/**
 * Issue 21's "done when" in the app: on the sandbox, "Test a login" through
 * the provider paired with Synapse's Google signs in at the sandbox's own
 * OpenID provider (in a new tab, as the admin's browser would) and names the
 * sample user; a wrong subject template is caught with "linked to nobody"
 * before any migration; after the real run the login names the migrated user.
 * The app is the built web host (out/main/web.js) on Electron's narrowed
 * crypto, so the sandbox's provider runs from the bundle as in the app.
 */
describe.runIf(hasTool(chromiumPath, 'chromium'))('Test a login on the sandbox', () => {
  let host: WebHostProcess;
  let browser: Browser;
  let page: Page;
  let app: ReturnType<typeof appDriver>;
  let masConfig: string;
  const user = '@user9:sandbox.example.org';
  const card = () => page.locator('tr[data-provider="oidc-google"] [data-test-login]');

  beforeAll(async () => {
    host = await startBuiltWebHost();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    await page.goto(host.url);
    app = appDriver(page);
  });

  afterAll(async () => {
    await browser?.close();
    if (host && host.child.exitCode === null) {
      const exited = new Promise((resolve) => host.child.once('exit', resolve));
      host.stop(); // stops the sandbox too
      await exited;
    }
  });

  /** Clicks "Test a login" on Google's row, signs in as `userId` in the tab it opens, and answers the line the card shows. */
  async function testLogin(userId: string): Promise<string> {
    const signInTab = page.context().waitForEvent('page');
    await card()
      .getByRole('button', { name: /^Test a login/ })
      .click();
    const tab = await signInTab;
    await tab.getByText('Sandbox sign-in', { exact: true }).first().waitFor();
    await signInOnSandbox(tab, userId);
    await tab.getByText('The login was received').waitFor();
    await tab.close();
    await poll(
      () =>
        card()
          .getByRole('button', { name: /^Test a login/ })
          .getAttribute('aria-busy'),
      30_000,
    ).toBeNull();
    return (await card().getByRole('status').textContent()) ?? '';
  }

  it('starts a sandbox and pairs its Google with a MAS provider', async () => {
    await app.button('Start a sandbox').click();
    await poll(() => page.locator('#screen-title').textContent(), 180_000).toBe('Connections');
    masConfig = await page.getByLabel('MAS config file', { exact: true }).inputValue();
    // The checks find the links of the provider no config declares (`oidc`), which the providers screen offers to skip.
    await app.nav('Checks');
    await app.button('Run checks').click();
    await poll(() => page.locator('[data-finding="provider-missing-in-mas"]').count(), 60_000).toBe(1);
    await app.nav('Identity providers');
    await app.readySandboxProviders();
    await poll(() => card().count()).toBe(1);
  });

  it('"Test a login" signs in at the sandbox provider and names the sample user', async () => {
    expect(await testLogin(user)).toBe(`This login is subject "g-9": it is ${user}'s link (in Synapse; it migrates unchanged).`);
  });

  it('a wrong subject template in the MAS config is caught before any migration: linked to nobody', async () => {
    const saved = await readFile(masConfig, 'utf8');
    // The admin's mistake, made in the saved file: the localpart's claim as the subject (Synapse stored the provider's sub).
    const document = parseDocument(saved);
    const providers = document.toJS().upstream_oauth2.providers as { synapse_idp_id?: string }[];
    const google = providers.findIndex((p) => p.synapse_idp_id === 'oidc-google');
    document.setIn(
      ['upstream_oauth2', 'providers', google, 'claims_imports', 'subject'],
      document.createNode({ template: '{{ user.preferred_username }}' }),
    );
    await writeFile(masConfig, document.toString());
    expect(await testLogin(user)).toBe(
      'This login is subject "user9": it is linked to nobody: MAS would create a new account or refuse the login.',
    );
    await writeFile(masConfig, saved);
  });

  it('after the real migration, the same login names the migrated user', async () => {
    await app.nav('Checks');
    await poll(() => page.locator('[data-finding="provider-unknown-to-synapse"]').textContent(), 60_000).toContain('Warning');
    await app.acknowledgeWarnings();
    await app.nav('Migration');
    await app.migrateForReal('sandbox.example.org');
    await app.nav('Identity providers');
    expect(await testLogin(user)).toBe(`This login is subject "g-9": it is ${user}'s link (migrated from Synapse).`);
  });
});
