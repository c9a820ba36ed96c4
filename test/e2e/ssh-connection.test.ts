import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumPath } from '../helpers/browser';
import { sshdPath, type TestSshd } from '../helpers/sshd';
import { hasTool } from '../helpers/tools';
import { type OpenApp, poll } from './app-driver';
import { appWithSshd } from './app-with-sshd';

/** A wrong SSH password: the passphrase vault keeps it, and the test names the server, the user and what to check. */
describe.runIf(hasTool(chromiumPath, 'chromium') && hasTool(sshdPath, 'openssh-server'))('a wrong SSH password in the UI', () => {
  let page: Page;
  let app: OpenApp['app'];
  let sshd: TestSshd;
  appWithSshd((ui, started) => {
    ({ page, app } = ui);
    sshd = started;
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
    expect(await page.getByLabel('Synapse SSH password').getAttribute('placeholder')).toBe('Saved (type to replace)');
    await app.shot('20-connections-wrong-password');
  });
});
