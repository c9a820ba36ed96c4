import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebHost } from '../../src-main/hosts/web/server';
import { chromiumPath, launchChromium, startTestWebHost } from '../helpers/browser';
import { sshdPath, startSshd, type TestSshd } from '../helpers/sshd';
import { hasTool } from '../helpers/tools';
import { appDriver, poll } from './app-driver';

/** A wrong SSH password: the passphrase vault keeps it, and the test names the server, the user and what to check. */
describe.runIf(hasTool(chromiumPath, 'chromium') && hasTool(sshdPath, 'openssh-server'))('a wrong SSH password in the UI', () => {
  let host: WebHost;
  let browser: Browser;
  let page: Page;
  let sshd: TestSshd;
  let app: ReturnType<typeof appDriver>;

  beforeAll(async () => {
    sshd = await startSshd();
    host = await startTestWebHost(await mkdtemp(join(tmpdir(), 'mas-e2e-data-')));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    app = appDriver(page);
    await page.goto(host.url);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await sshd?.stop();
  });

  it('shows the precise refusal with its fix', async () => {
    // Without an OS keyring, a password is only stored once a master passphrase opens the vault.
    await app.unlockVault('correct horse battery staple');
    await app.createProfile('Wrong password');
    await page.getByLabel('Synapse config file', { exact: true }).fill('/etc/matrix-synapse/homeserver.yaml');
    await app.sshRoute('Synapse', sshd, 'Password');
    await page.getByLabel('Synapse SSH password').fill('not-the-password');
    await app.connectionTest('Synapse');
    const hostKey = app.dialog("Confirm the SSH server's identity");
    await poll(() => hostKey.isVisible()).toBe(true);
    await hostKey.getByRole('button', { name: 'Trust this host key' }).click();
    const failed = page.getByRole('list', { name: 'Synapse connection test' }).locator('li[data-state="failed"]');
    await poll(() => failed.textContent(), 30_000).toContain(`refused the login as "${sshd.user}"`);
    expect(await failed.getAttribute('data-step')).toBe('ssh');
    expect(await failed.textContent()).toContain('Fix: Check the user name and the password');
    expect(await page.getByLabel('Synapse SSH password').getAttribute('placeholder')).toContain('saved');
    await app.shot('20-connections-wrong-password');
  });
});
