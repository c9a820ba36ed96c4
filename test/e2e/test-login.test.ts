import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { chromiumPath } from '../helpers/browser';
import { signInOn, startTestProvider, type TestProvider } from '../helpers/oidc-test-provider';
import { hasTool } from '../helpers/tools';
import { loginHomeserver } from '../integration/login/login-fixture';
import { type OpenApp, appForTests, poll } from './app-driver';
import { expectAccessible } from './axe-audit';

/**
 * "Test a login" on the Identity providers screen (SPEC §12), in the web host:
 * the page opens the provider's sign-in page in a new tab, the admin signs in
 * there at a real oidc-provider, and the screen shows the verdict's line.
 */
describe.runIf(hasTool(chromiumPath, 'chromium'))('Test a login on the Identity providers screen', () => {
  let page: Page;
  let app: OpenApp['app'];
  let idp: TestProvider;
  let files: { synapseConfig: string; masConfig: string };

  beforeAll(async () => {
    idp = await startTestProvider({ alice: { preferred_username: 'Alice', email: 'alice@example.org', oid: 'ad-0042' } });
    // SAML sign-on enabled too: its finding on the Checks screen leads to this screen.
    const homeserver = await loginHomeserver(idp.issuer, 'saml2_config:\n  enabled: true\n');
    files = {
      synapseConfig: homeserver.synapseConfig,
      masConfig: await homeserver.masConfig('mas', '{{ user.preferred_username | lower }}'),
    };
  });
  appForTests((ui) => ({ page, app } = ui));
  afterAll(async () => {
    await idp?.close();
  });

  it('signs in through the provider in a new tab and shows whose link the login is, with what to register at the provider', async () => {
    await app.createProfile('Test login');
    await page.getByLabel('Synapse config file', { exact: true }).fill(files.synapseConfig);
    await page.getByLabel('MAS config file', { exact: true }).fill(files.masConfig);
    await app.saveConnections();
    await app.nav('Identity providers');
    const card = page.locator('[data-test-login]');
    await poll(() => card.count()).toBe(1);
    await poll(() => card.textContent()).toContain(`At ${idp.issuer}, register a public client`);
    // The client registered at the provider: the app's own ID unless the admin registered another.
    await poll(() => card.getByLabel(/^Test client ID registered at/).inputValue()).toBe('mas-migrator-test-login');
    await expectAccessible(page, 'the Identity providers screen with Test a login');

    const signInTab = page.context().waitForEvent('page');
    await card.getByRole('button', { name: /^Test a login/ }).click();
    const tab = await signInTab;
    await signInOn(tab, 'alice');
    await tab.getByText('The login was received').waitFor();
    await poll(() => card.getByRole('status').textContent(), 30_000).toBe(
      'This login is subject "alice": it is @alice:example.org\'s link (in Synapse; it migrates unchanged).',
    );
    await expectAccessible(page, 'the test login’s verdict');
    await app.shot('40-providers-test-login');
  });

  it('the sso-saml2 finding on the Checks screen leads to the Identity providers screen', async () => {
    await app.nav('Checks');
    await app.button('Run checks').click();
    const finding = page.locator('[data-finding="sso-saml2"]');
    await poll(() => finding.count(), 60_000).toBe(1);
    await finding.getByRole('button', { name: 'Open Identity providers (the SAML routes)' }).click();
    await poll(() => page.locator('#screen-title').textContent()).toBe('Identity providers');
  });
});
