import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../helpers/browser';
import { hasTool } from '../helpers/tools';
import { type OpenApp, openApp, poll, shotOnFailure } from './app-driver';

/** "Try with sample data" in the dark theme: a clearly labelled sandbox the admin can walk through and throw away. */
describe.runIf(hasTool(chromiumPath, 'chromium'))('the sandbox in the UI', () => {
  let ui: OpenApp | undefined;
  let page: Page;
  let app: OpenApp['app'];

  beforeAll(async () => {
    ui = await openApp({ colorScheme: 'dark' });
    ({ page, app } = ui);
  });
  afterEach(shotOnFailure(() => ui));
  afterAll(async () => {
    await ui?.close();
  });

  it('starts a sandbox, opens its profile under a sandbox banner, checks it, and throws it away', async () => {
    await app.button('Start a sandbox').click();
    await poll(() => page.locator('#screen-title').textContent(), 120_000).toBe('Connections');
    const banner = page.getByTestId('sandbox-banner');
    await poll(() => banner.textContent()).toContain('sample data on this computer');
    const folder = (await page.getByLabel('Synapse config file', { exact: true }).inputValue()).replace(/\/homeserver\.yaml$/, '');
    expect(folder).toContain('mas-migrator-sandbox-');
    await app.shot('50-sandbox-connections-dark');

    await app.nav('Checks');
    await app.button('Run checks').click();
    await poll(() => page.locator('[data-finding="provider-missing-in-mas"]').textContent(), 60_000).toContain('"oidc-google"');
    expect(await banner.count()).toBe(1);
    await app.shot('51-sandbox-checks-dark');
    await app.nav('Identity providers');
    await poll(() => page.locator('tr[data-provider="oidc-google"]').textContent()).toContain('No MAS provider');
    await app.shot('52-sandbox-providers-dark');

    await app.nav('Profiles');
    await poll(() => page.locator('tr', { hasText: 'Sandbox (sample data' }).getByText('Sandbox', { exact: true }).count()).toBe(1);
    await app.shot('53-sandbox-profiles-dark');
    await app.button('Stop the sandbox').click();
    await poll(() => app.button('Start a sandbox').count(), 60_000).toBe(1);
    expect(existsSync(folder)).toBe(false);
    await poll(() => page.getByText('Prepare and check').count()).toBe(1);
    expect(await banner.count()).toBe(0);
  });
});
