import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from '../helpers/browser';

/** Waits for a UI state; main's work (key generation, checks, runs) takes seconds on a busy machine. */
export function poll<T>(read: () => Promise<T> | T, timeout = 20_000) {
  return expect.poll(read, { timeout, interval: 100 });
}

/** Steps of the admin's journey, in the words the UI shows (role and label), shared by the UI tests. */
export function appDriver(page: Page) {
  const button = (name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });
  const dialog = (name: string | RegExp) => page.getByRole('dialog', { name });
  return {
    button,
    dialog,
    async nav(title: string) {
      await page.getByRole('navigation', { name: 'Migration steps' }).getByRole('button', { name: new RegExp(`^${title}`) }).click();
      await poll(() => page.locator('#screen-title').textContent()).toBe(title);
    },
    async shot(name: string) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, name);
    },
    async unlockVault(passphrase: string) {
      await button(/Choose a passphrase|Unlock/).click();
      const d = dialog(/master passphrase|Unlock stored passwords/);
      await d.getByLabel('Passphrase', { exact: true }).fill(passphrase);
      if (await d.getByLabel('Passphrase again').count()) await d.getByLabel('Passphrase again').fill(passphrase);
      await d.getByRole('button', { name: /Create the vault|Unlock/ }).click();
      await poll(() => page.locator('.vault-banner').count()).toBe(0);
    },
    async createProfile(name: string) {
      await button('New profile').first().click();
      const d = dialog('New profile');
      await d.getByLabel('Profile name').fill(name);
      await d.getByRole('button', { name: 'Create' }).click();
      await poll(() => page.locator('#screen-title').textContent()).toBe('Connections');
    },
    /** The states of a side's connection test steps once it has finished. */
    async connectionTest(side: 'Synapse' | 'MAS') {
      await button(`Test the ${side} connection`).click();
      await poll(() => button(`Test the ${side} connection`).getAttribute('aria-busy')).toBeNull();
      return page.getByRole('list', { name: `${side} connection test` }).locator('li');
    },
  };
}
