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
import { type HomeserverFixture, homeserverFixture } from './homeserver-fixture';

/** A profile that reaches the Synapse database through a real OpenSSH server: host-key confirmation, each hop, and a wrong password's precise error. */
describe.runIf(hasTool(chromiumPath, 'chromium') && hasTool(sshdPath, 'openssh-server'))('connections over SSH in the UI', () => {
  let host: WebHost;
  let browser: Browser;
  let page: Page;
  let sshd: TestSshd;
  let hs: HomeserverFixture;
  let app: ReturnType<typeof appDriver>;

  beforeAll(async () => {
    [sshd, hs] = await Promise.all([startSshd(), homeserverFixture(10)]);
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

  async function sshSide(auth: 'Private key' | 'Password') {
    await page.getByLabel('Synapse config file', { exact: true }).fill(hs.synapseConfigPath);
    await page.getByLabel('Reach the Synapse server over SSH').check();
    await page.getByLabel('Synapse SSH host').fill(sshd.host);
    await page.getByLabel('Synapse SSH port').fill(String(sshd.port));
    await page.getByLabel('Synapse SSH user').fill(sshd.user);
    await page.getByLabel('Synapse SSH authentication').selectOption({ label: auth });
    await page.getByLabel('Read ~/.ssh/config like OpenSSH').uncheck();
  }

  it('confirms the host key by its fingerprint, then reaches the database through the tunnel hop by hop', async () => {
    await app.unlockVault('correct horse battery staple');
    await app.createProfile('Over SSH');
    await sshSide('Private key');
    await page.getByLabel('Synapse SSH key file').fill(sshd.userKeyFile);
    let steps = await app.connectionTest('Synapse');
    const hostKey = app.dialog("Confirm the SSH server's identity");
    await poll(() => hostKey.getByTestId('host-key-fingerprint').textContent()).toBe(sshd.hostKeyFingerprint);
    await app.shot('20-connections-host-key');
    await hostKey.getByRole('button', { name: 'Trust this host key' }).click();
    steps = page.getByRole('list', { name: 'Synapse connection test' }).locator('li');
    await poll(() => steps.locator('[data-state]').count().then(() => steps.evaluateAll((l) => l.map((i) => `${i.getAttribute('data-step')?.split('-')[0]}:${i.getAttribute('data-state')}`))), 30_000).toEqual(
      expect.arrayContaining(['ssh:ok', 'host:ok']),
    );
    await app.shot('21-connections-ssh-ok');
  });

  it('names the server, the user and what to check when the SSH password is wrong', async () => {
    await app.nav('Profiles');
    await app.createProfile('Wrong password');
    await sshSide('Password');
    await page.getByLabel('Synapse SSH password').fill('not-the-password');
    await app.connectionTest('Synapse');
    // Host keys are confirmed per profile: this one asks again.
    const hostKey = app.dialog("Confirm the SSH server's identity");
    await poll(() => hostKey.isVisible()).toBe(true);
    await hostKey.getByRole('button', { name: 'Trust this host key' }).click();
    const failed = page.getByRole('list', { name: 'Synapse connection test' }).locator('li[data-state="failed"]');
    await poll(() => failed.textContent(), 30_000).toContain(`refused the login as "${sshd.user}"`);
    expect(await failed.textContent()).toContain('Fix:');
    await app.shot('22-connections-wrong-password');
  });
});
