import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumPath } from '../helpers/browser';
import { hasTool } from '../helpers/tools';
import { sandboxSampleLogins } from '../../src-shared/domain/sandbox-logins';
import { appForTests, type OpenApp, poll } from './app-driver';

/**
 * "Try with sample data" in the dark theme: a clearly labelled sandbox the
 * admin walks through, proof included (a sample password, a dry run that
 * verifies itself, the real run, Verify MAS), and throws away.
 */
describe.runIf(hasTool(chromiumPath, 'chromium'))('the sandbox in the UI', () => {
  let page: Page;
  let app: OpenApp['app'];
  appForTests(
    (ui) => {
      ({ page, app } = ui);
    },
    { colorScheme: 'dark' },
  );

  let folder: string;
  const banner = () => page.getByTestId('sandbox-banner');

  it('starts a sandbox, opens its profile under a sandbox banner, and checks it', async () => {
    await app.button('Start a sandbox').click();
    await poll(() => page.locator('#screen-title').textContent(), 120_000).toBe('Connections');
    await poll(() => banner().textContent()).toContain('sample data on this computer');
    folder = (await page.getByLabel('Synapse config file', { exact: true }).inputValue()).replace(/\/homeserver\.yaml$/, '');
    expect(folder).toContain('mas-migrator-sandbox-');
    await app.shot('50-sandbox-connections-dark');

    await app.nav('Checks');
    await app.button('Run checks').click();
    await poll(() => page.locator('[data-finding="provider-missing-in-mas"]').textContent(), 60_000).toContain('"oidc-google"');
    expect(await banner().count()).toBe(1);
    await app.shot('51-sandbox-checks-dark');
  });

  it('tests its documented sample passwords, the user ID prefilled', async () => {
    const [admin, ordinary, fullWidth] = sandboxSampleLogins;
    const userId = (login: { localpart: string }) => `@${login.localpart}:sandbox.example.org`;
    expect(await page.getByRole('form', { name: 'Test a password' }).getByLabel('User ID').inputValue()).toBe(userId(admin));
    expect(await app.testPassword(undefined, admin.password)).toContain(`MAS will accept this password for ${userId(admin)}`);
    expect(await app.testPassword(userId(ordinary), admin.password)).toContain(
      `MAS will not accept this password for ${userId(ordinary)}: the password does not match`,
    );
    // Synapse hashed its NFKC form: MAS accepts it because the generated config normalises too.
    expect(await app.testPassword(userId(fullWidth), fullWidth.password)).toContain('MAS will accept this password');
    await app.shot('51a-sandbox-password-dark');
  });

  it('pairs the provider, skips the unknown one, and acknowledges the warnings', async () => {
    await app.nav('Identity providers');
    const row = page.locator('tr[data-provider="oidc-google"]');
    await poll(() => row.textContent()).toContain('No MAS provider');
    await app.shot('52-sandbox-providers-dark');
    await app.readySandboxProviders();

    await app.nav('Checks');
    await poll(() => page.locator('[data-finding="provider-unknown-to-synapse"]').textContent(), 60_000).toContain('Warning');
    await poll(() => page.locator('[data-finding="provider-missing-in-mas"]').count()).toBe(0);
    expect(await page.locator('[data-finding] .badge.error').count()).toBe(0);
    await app.acknowledgeWarnings();
  });

  it('rehearses with a dry run that verifies itself, migrates for real, and verifies MAS', async () => {
    await app.nav('Migration');
    await app.button('Start dry run').click();
    await poll(() => page.getByText('The dry run finished; MAS is empty again').count(), 120_000).toBe(1);
    await app.button('Open the report').click();
    expect(await app.verificationVerdict()).toBe('MAS matches Synapse in all 9 tables');
    await app.shot('52a-sandbox-dry-run-verified-dark');

    await app.nav('Migration');
    await app.migrateForReal('sandbox.example.org');
    await app.button('Open the report').click();
    expect(await page.getByTestId('verification').count()).toBe(0);
    await app.verifyMas();
    expect(await app.verificationVerdict()).toBe('MAS matches Synapse in all 9 tables');
    expect(await banner().count()).toBe(1);
    await page.getByRole('heading', { name: 'Verification' }).scrollIntoViewIfNeeded();
    await app.shot('52b-sandbox-verify-mas-dark');
  });

  it('lists the sandbox among the profiles and throws it away', async () => {
    await app.nav('Profiles');
    await poll(() => page.locator('tr', { hasText: 'Sandbox (sample data' }).getByText('Sandbox', { exact: true }).count()).toBe(1);
    await app.shot('53-sandbox-profiles-dark');
    await app.button('Stop the sandbox').click();
    await poll(() => app.button('Start a sandbox').count(), 60_000).toBe(1);
    expect(existsSync(folder)).toBe(false);
    await poll(() => page.getByText('Prepare and check').count()).toBe(1);
    expect(await banner().count()).toBe(0);
  });
});
