import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import type { WebHost } from '../../src-main/hosts/web/server';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchChromium, screenshot, startTestWebHost } from '../helpers/browser';
import { tempFolder } from '../helpers/temp-folders';

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
    /** Saves the Connections screen and waits until it is saved: a run started sooner would read the profile as it was. */
    async saveConnections() {
      await button('Save changes').click();
      await poll(() => button('Saved').count()).toBe(1);
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
    /**
     * "Test a password" on the Checks screen: the field is empty as soon as the
     * call is sent; returns the verdict shown. `userId` undefined keeps the prefilled one.
     */
    async testPassword(userId: string | undefined, password: string) {
      const form = page.getByRole('form', { name: 'Test a password' });
      if (userId !== undefined) await form.getByLabel('User ID').fill(userId);
      await form.getByLabel('Password', { exact: true }).fill(password);
      await form.getByRole('button', { name: 'Test the password' }).click();
      expect(await form.getByLabel('Password', { exact: true }).inputValue()).toBe('');
      await poll(() => form.getByRole('button', { name: 'Test the password' }).getAttribute('aria-busy')).toBeNull();
      return (await form.getByTestId('password-check').textContent()) ?? '';
    },
    /** Ticks "I understand" on every warning of the Checks screen, until the migration may go ahead. */
    async acknowledgeWarnings() {
      for (const box of await page.getByLabel('I understand this warning and accept it for the real migration').all()) await box.check();
      await poll(() => page.getByText(/the migration may go ahead/).count()).toBe(1);
    },
    /**
     * On the Identity providers screen of the sandbox: Google's MAS provider
     * created from Synapse's settings and saved, and the links of the provider
     * no config declares skipped, so that only warnings are left.
     */
    async readySandboxProviders() {
      const row = page.locator('tr[data-provider="oidc-google"]');
      await button('Create the MAS provider for Google').click();
      await dialog(/Create the MAS provider for Google/)
        .getByRole('button', { name: 'Add to the MAS config' })
        .click();
      await poll(() => row.textContent()).toContain('Paired');
      await button('Save…').click();
      await dialog('Save the MAS config').getByRole('button', { name: 'Save' }).click();
      await poll(() => page.getByText(/The previous file is kept as/).count()).toBe(1);
      await page.getByLabel('Skip the links of unknown providers (--ignore-missing-auth-providers)').check();
    },
    /** Confirms every precondition of the real run, types the server name, and waits for the end. */
    async migrateForReal(serverName: string, beforeConfirming?: (dialog: Locator) => Promise<void>) {
      await button('Migrate for real…').click();
      const confirm = dialog('Start the real migration');
      await confirm.getByLabel('Synapse is stopped').check();
      await confirm.getByLabel('I have a backup of the Synapse database and its config').check();
      await confirm.getByLabel('MAS is configured but not running').check();
      expect(await confirm.getByRole('button', { name: 'Migrate now' }).isDisabled()).toBe(true);
      await confirm.getByLabel(`Type ${serverName} to confirm`).fill(serverName);
      await beforeConfirming?.(confirm);
      await confirm.getByRole('button', { name: 'Migrate now' }).click();
      await poll(() => page.getByText('The migration finished').count(), 120_000).toBe(1);
    },
    /** The verdict line of the verification on the Report screen, once one is shown. */
    async verificationVerdict() {
      const shown = page.getByTestId('verification');
      await poll(() => shown.count(), 60_000).toBe(1);
      return (await shown.locator('.notice strong').first().textContent()) ?? '';
    },
    /** Presses "Verify MAS" on the Report screen and waits for the comparison to end. */
    async verifyMas() {
      const verify = button('Verify MAS');
      await verify.click();
      await poll(() => verify.getAttribute('aria-busy'), 60_000).toBeNull();
    },
    /** The states of a side's connection test steps once it has finished. */
    async connectionTest(side: 'Synapse' | 'MAS') {
      await button(`Test the ${side} connection`).click();
      await poll(() => button(`Test the ${side} connection`).getAttribute('aria-busy')).toBeNull();
      return page.getByRole('list', { name: `${side} connection test` }).locator('li');
    },
  };
}

/** The frames between the page and the web host, as the browser sent and received them. */
export interface IpcTraffic {
  sent: string[];
  received: string[];
}

/** Records every WebSocket frame of the page (the web host's IPC), from before it loads. */
function recordIpc(page: Page): IpcTraffic {
  const traffic: IpcTraffic = { sent: [], received: [] };
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => traffic.sent.push(String(payload)));
    ws.on('framereceived', ({ payload }) => traffic.received.push(String(payload)));
  });
  return traffic;
}

export interface OpenApp {
  host: WebHost;
  browser: Browser;
  page: Page;
  app: ReturnType<typeof appDriver>;
  ipc: IpcTraffic;
  close(): Promise<void>;
}

/**
 * The app for the tests of one describe block: opened before them, a
 * screenshot of each failed test, closed after them. `ready` hands it over.
 */
export function appForTests(ready: (ui: OpenApp) => void, options: BrowserContextOptions = {}): void {
  let ui: OpenApp | undefined;
  beforeAll(async () => {
    ui = await openApp(options);
    ready(ui);
  });
  afterEach(shotOnFailure(() => ui));
  afterAll(async () => {
    await ui?.close();
  });
}

/** The app in Chromium at 1024×700 through a web host with its own data folder. */
export async function openApp(options: BrowserContextOptions = {}): Promise<OpenApp> {
  const host = await startTestWebHost(await tempFolder('mas-e2e-data-'));
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1024, height: 700 }, acceptDownloads: true, ...options });
  const ipc = recordIpc(page);
  await page.goto(host.url);
  return {
    host,
    browser,
    page,
    app: appDriver(page),
    ipc,
    async close() {
      await browser.close();
      await host.close();
    },
  };
}

/**
 * What the page saw of a secret: main never sends it back (no received frame,
 * not in the DOM), and the page sent it `times` times, one call each.
 */
export async function expectSecretKept(page: Page, ipc: IpcTraffic, secret: string, times: number) {
  expect(ipc.received.filter((f) => f.includes(secret)).length, 'main sent the secret back').toBe(0);
  expect(ipc.sent.filter((f) => f.includes(secret)).length, 'calls carrying the secret').toBe(times);
  expect(await page.content(), 'the secret is in the page').not.toContain(secret);
}

/** An afterEach hook: a failed test leaves a screenshot of what the admin would have seen. */
export function shotOnFailure(ui: () => OpenApp | undefined) {
  return async (context: { task: { name: string; result?: { state?: string } } }) => {
    if (context.task.result?.state === 'fail') await ui()?.app.shot(`failed-${context.task.name.slice(0, 40)}`);
  };
}
