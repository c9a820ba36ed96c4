import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumPath } from '../helpers/browser';
import { sshdPath, type TestSshd } from '../helpers/sshd';
import { hasTool } from '../helpers/tools';
import { synapseFixture } from '../unit/config/fixtures';
import { type OpenApp, poll } from './app-driver';
import { appWithSshd } from './app-with-sshd';
import { tempFolder } from '../helpers/temp-folders';

/**
 * Synapse's config as the Debian package lays it out (homeserver.yaml plus
 * conf.d/) named on the Connections screen: typed as a local folder, and picked
 * as a folder in the file browser over SFTP; the screen lists the files read.
 */
describe.runIf(hasTool(chromiumPath, 'chromium') && hasTool(sshdPath, 'openssh-server'))(
  'a Synapse config folder on the Connections screen',
  () => {
    let page: Page;
    let app: OpenApp['app'];
    let sshd: TestSshd;
    let layout: string;
    appWithSshd(
      (ui, started) => {
        ({ page, app } = ui);
        sshd = started;
      },
      async () => {
        layout = join(await tempFolder('mas-e2e-debian-'), 'matrix-synapse');
        await cp(synapseFixture('debian'), layout, { recursive: true });
        // A database that refuses at once, so the connection test ends quickly.
        await writeFile(
          join(layout, 'conf.d/database.yaml'),
          'database:\n  name: psycopg2\n  args: {host: 127.0.0.1, port: 1, dbname: s, user: s}\n',
        );
      },
    );

    const readFiles = () => page.getByRole('list', { name: 'Synapse config files read' }).locator('li').allTextContents();
    const expectedFiles = () =>
      ['homeserver.yaml', 'conf.d/database.yaml', 'conf.d/report_stats.yaml', 'conf.d/server_name.yaml'].map((f) => join(layout, f));

    it('takes a local folder as a config path and lists the files it read, in order, and what it skipped', async () => {
      await app.createProfile('Debian layout');
      await page.getByLabel('Synapse config file', { exact: true }).fill(join(layout, 'homeserver.yaml'));
      await app.button('Add another file or folder').first().click();
      await page.getByLabel('Synapse config file 2 (merged over the previous)').fill(join(layout, 'conf.d'));
      await app.button('Save changes').click();
      await poll(readFiles).toEqual(expectedFiles());
      const skipped = await page.getByRole('list', { name: 'Synapse config entries skipped' }).locator('li').allTextContents();
      expect(skipped).toEqual([
        expect.stringContaining(`${join(layout, 'conf.d/disabled')} was not read: it is a subfolder`),
        expect.stringContaining(`${join(layout, 'conf.d/registration.yml')} was not read: its name does not end in .yaml`),
      ]);
      await app.shot('30-connections-config-folder');
    });

    it('reads the folder over SFTP in the connection test, and picks it in the file browser', async () => {
      await page.locator('label', { hasText: 'On the server (SSH)' }).first().click();
      await app.sshRoute('Synapse', sshd, 'Private key');
      await page.getByLabel('Synapse SSH key file').fill(sshd.userKeyFile);
      await app.connectionTest('Synapse');
      const hostKey = app.dialog("Confirm the SSH server's identity");
      await poll(() => hostKey.isVisible()).toBe(true);
      await hostKey.getByRole('button', { name: 'Trust this host key' }).click();
      const configStep = page.getByRole('list', { name: 'Synapse connection test' }).locator('li[data-step="config-files"]');
      await poll(() => configStep.getAttribute('data-state')).toBe('ok');
      expect(await configStep.textContent()).toContain(`${join(layout, 'conf.d/server_name.yaml')} on ${sshd.user}@`);

      // Name a file first, then replace it with the folder beside it.
      await page.getByLabel('Synapse config file 2 (merged over the previous)').fill(join(layout, 'homeserver.yaml'));
      await app.button('Browse the server for Synapse config file 2').click();
      const browser = app.dialog('Choose the Synapse config file on the server');
      await browser.getByRole('button', { name: 'conf.d/' }).click();
      await poll(() => browser.locator('code').textContent()).toContain(join(layout, 'conf.d'));
      await browser.getByRole('button', { name: 'Use this folder' }).click();
      expect(await page.getByLabel('Synapse config file 2 (merged over the previous)').inputValue()).toBe(join(layout, 'conf.d'));
      await app.button('Save changes').click();
      await poll(readFiles).toEqual(expectedFiles());
    });
  },
);
