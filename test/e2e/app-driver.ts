import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import type { WebHost } from '../../src-main/hosts/web/server';
import { expect } from 'vitest';
import { launchChromium, screenshot, startTestWebHost } from '../helpers/browser';

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
      await page
        .getByRole('navigation', { name: 'Migration steps' })
        .getByRole('button', { name: new RegExp(`^${title}`) })
        .click();
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
    /** Turns on a side's SSH route to the test sshd (not reading ~/.ssh/config, so the test sees only its own settings). */
    async sshRoute(side: 'Synapse' | 'MAS', sshd: { host: string; port: number; user: string }, auth: 'Private key' | 'Password') {
      await page.getByLabel(`Reach the ${side} server over SSH`).check();
      await page.getByLabel(`${side} SSH host`).fill(sshd.host);
      await page.getByLabel(`${side} SSH port`).fill(String(sshd.port));
      await page.getByLabel(`${side} SSH user`).fill(sshd.user);
      await page.getByLabel(`${side} SSH authentication`).selectOption({ label: auth });
      await page.getByLabel('Read ~/.ssh/config like OpenSSH').first().uncheck();
    },
    /** The states of a side's connection test steps once it has finished. */
    async connectionTest(side: 'Synapse' | 'MAS') {
      await button(`Test the ${side} connection`).click();
      await poll(() => button(`Test the ${side} connection`).getAttribute('aria-busy')).toBeNull();
      return page.getByRole('list', { name: `${side} connection test` }).locator('li');
    },
  };
}

export interface OpenApp {
  host: WebHost;
  browser: Browser;
  page: Page;
  app: ReturnType<typeof appDriver>;
  close(): Promise<void>;
}

/** The app in Chromium at 1024×700 through a web host with its own data folder. */
export async function openApp(options: BrowserContextOptions = {}): Promise<OpenApp> {
  const host = await startTestWebHost(await mkdtemp(join(tmpdir(), 'mas-e2e-data-')));
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1024, height: 700 }, acceptDownloads: true, ...options });
  await page.goto(host.url);
  return {
    host,
    browser,
    page,
    app: appDriver(page),
    async close() {
      await browser.close();
      await host.close();
    },
  };
}

/** An afterEach hook: a failed test leaves a screenshot of what the admin would have seen. */
export function shotOnFailure(ui: () => OpenApp | undefined) {
  return async (context: { task: { name: string; result?: { state?: string } } }) => {
    if (context.task.result?.state === 'fail') await ui()?.app.shot(`failed-${context.task.name.slice(0, 40)}`);
  };
}
