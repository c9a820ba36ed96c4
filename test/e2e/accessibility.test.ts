import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumPath } from '../helpers/browser';
import { hasTool } from '../helpers/tools';
import { appForTests, type OpenApp, poll } from './app-driver';
import { expectAccessible } from './axe-audit';

/**
 * Every screen and its dialogs through axe-core, in the light and the dark
 * theme, on the sandbox's sample data; and the sandbox journey (create it,
 * check it, rehearse) walked with the keyboard only, focus checked at each step.
 */
describe.runIf(hasTool(chromiumPath, 'chromium'))('accessibility of the UI', () => {
  let page: Page;
  let app: OpenApp['app'];
  appForTests((ui) => {
    ({ page, app } = ui);
  });

  /** The focused element as the admin would hear it: its role (tag) and name. */
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement!;
      const shown = el.cloneNode(true) as Element;
      for (const hidden of shown.querySelectorAll('[aria-hidden="true"], .nav-status')) hidden.remove();
      return `${el.tagName.toLowerCase()} ${(el.getAttribute('aria-label') ?? shown.textContent ?? '').trim()}`;
    });
  const press = (key: string) => page.keyboard.press(key);
  const title = (name: string) => `h1 ${name}`;

  /** Tabs (or shift-tabs) `times` and returns each stop. */
  async function tabStops(times: number, key = 'Tab') {
    const stops: string[] = [];
    for (let i = 0; i < times; i++) {
      await press(key);
      stops.push(await focused());
    }
    return stops;
  }

  /** A dialog opened from `opener` with the keyboard: axe passes with it open, Tab stays inside, Escape closes it and focus returns. */
  async function auditDialog(opener: Locator, name: string | RegExp, what: string, open = () => press('Enter')) {
    await opener.focus();
    await open();
    const dialog = app.dialog(name);
    await poll(() => dialog.count()).toBe(1);
    await expectAccessible(page, what);
    const controls = await dialog.locator('button:not(:disabled), input:not(:disabled), select, textarea').count();
    for (let i = 0; i <= controls; i++) {
      await press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null), `${what}: focus after ${i + 1} tabs`).toBe(
        true,
      );
    }
    await press('Escape');
    await poll(() => dialog.count()).toBe(0);
    expect(await opener.evaluate((el) => el === document.activeElement), `${what}: focus back on its opener`).toBe(true);
  }

  it('the first launch and the new-profile dialog', async () => {
    await poll(() => page.getByText('Prepare and check').count()).toBe(1);
    await expectAccessible(page, 'Profiles, first launch');
    await auditDialog(app.button('New profile'), 'New profile', 'New profile dialog');
  });

  it('with the keyboard only: starts the sandbox, which opens its profile', async () => {
    // Freshly loaded, the screen's title has the focus; the screen's own actions follow it.
    await page.reload();
    await poll(focused).toBe(title('Profiles'));
    await poll(() => page.getByText('Prepare and check').count()).toBe(1);
    expect(await tabStops(3)).toEqual(['button Import…', 'button New profile', 'button Start a sandbox']);
    await press('Enter');
    await poll(() => page.locator('#screen-title').textContent(), 120_000).toBe('Connections');
    expect(await focused()).toBe(title('Connections'));
    await expectAccessible(page, 'Connections');
  });

  /**
   * From the screen shown, with the keyboard: back past the vault's banner into
   * the navigation (its last step first), along the steps with the arrows
   * (each key and the step it lands on), Enter to open the last one (the focus
   * on its title), then Tab to its first action.
   */
  async function openStep(arrows: [key: string, step: string][], firstAction: string) {
    expect(await tabStops(3, 'Shift+Tab')).toEqual(['button Choose a passphrase…', 'button Run self-test', 'button Report']);
    for (const [key, step] of arrows) {
      await press(key);
      expect(await focused()).toBe(`button ${step}`);
    }
    const step = arrows.at(-1)![1];
    await press('Enter');
    await poll(() => page.locator('#screen-title').textContent()).toBe(step);
    expect(await focused()).toBe(title(step));
    await press('Tab');
    expect(await focused()).toBe(`button ${firstAction}`);
  }

  it('with the keyboard only: goes to the Checks step with the arrows, and runs the checks', async () => {
    const arrows: [string, string][] = [
      ['ArrowUp', 'Migration'],
      ['ArrowUp', 'Checks'],
      ['ArrowUp', 'Identity providers'],
      ['ArrowDown', 'Checks'],
    ];
    await openStep(arrows, 'Run checks');
    await press('Space');
    await poll(() => page.locator('[data-finding="provider-missing-in-mas"]').count(), 60_000).toBe(1);
    // The button keeps the focus through the run, and says the checks can run again.
    expect(await focused()).toBe('button Run checks again');
    await expectAccessible(page, 'Checks with findings');
  });

  it('with the keyboard only: starts a dry run from the Migration step', async () => {
    await openStep([['ArrowUp', 'Migration']], 'Start dry run');
    await press('Enter');
    await poll(() => page.getByText('The dry run finished; MAS is empty again').count(), 120_000).toBe(1);
    // Busy, not disabled, while it ran: the focus stayed.
    expect(await focused()).toBe('button Start dry run');
    await expectAccessible(page, 'Migration after a dry run');
  });

  it('the Configuration screen and its generate and save dialogs', async () => {
    await app.nav('Configuration');
    await poll(() => page.getByTestId('synapse-config').count()).toBe(1);
    await poll(() => page.getByRole('textbox', { name: 'MAS config' }).count()).toBe(1);
    await expectAccessible(page, 'Configuration');
    await auditDialog(app.button('Generate from Synapse…'), 'MAS config generated from Synapse', 'Generated config dialog');
    await app.button('Generate from Synapse…').click();
    await app.dialog('MAS config generated from Synapse').getByRole('button', { name: 'Use this config' }).click();
    await auditDialog(app.button('Save…'), 'Save the MAS config', 'Save dialog');
    // Back to the file as it is: the next test creates its provider.
    await app.button('Reload from file').click();
    await poll(() => app.button('Save…').isDisabled()).toBe(true);
  });

  it('the Identity providers screen and its create dialog, then the checks passed and the real-run dialog', async () => {
    await app.nav('Identity providers');
    const row = page.locator('tr[data-provider="oidc-google"]');
    await poll(() => row.textContent()).toContain('No MAS provider');
    await expectAccessible(page, 'Identity providers');
    const create = app.button('Create the MAS provider for Google');
    await auditDialog(create, /Create the MAS provider for Google/, 'Create provider dialog');
    await app.readySandboxProviders();

    await app.nav('Checks');
    await poll(() => page.locator('[data-finding="provider-unknown-to-synapse"]').textContent(), 60_000).toContain('Warning');
    await app.acknowledgeWarnings();
    await expectAccessible(page, 'Checks, every warning acknowledged');
    await app.nav('Migration');
    await auditDialog(app.button('Migrate for real…'), 'Start the real migration', 'Real-run dialog');
  });

  it('the Report screen after the real run, its next steps and their dialog', async () => {
    await app.migrateForReal('sandbox.example.org');
    await app.button('Open the report').click();
    await poll(() => page.locator('#screen-title').textContent()).toBe('Report');
    await expectAccessible(page, 'Report with the next steps');
    await auditDialog(app.button('Write the section…'), 'Add the MAS section to the Synapse config', 'Synapse section dialog');
  });

  it('the Profiles screen with a profile, its dialogs and the vault dialog', async () => {
    await app.nav('Profiles');
    await poll(() => page.locator('tr[data-profile]').count()).toBe(1);
    await expectAccessible(page, 'Profiles with the sandbox profile');
    const action = (verb: string) => page.getByRole('button', { name: new RegExp(`^${verb} Sandbox`) });
    await auditDialog(action('Rename'), 'Rename profile', 'Rename dialog');
    await auditDialog(action('Duplicate'), 'Duplicate profile', 'Duplicate dialog');
    await auditDialog(action('Export'), /^Export Sandbox/, 'Export dialog');
    await auditDialog(action('Delete'), 'Delete profile', 'Delete dialog');
    await auditDialog(app.button('Choose a passphrase…'), 'Choose a master passphrase', 'Vault dialog');
    // Enter on Import… opens the system's file chooser; the passphrase dialog follows the file.
    await auditDialog(app.button('Import…'), 'Import staging.json', 'Import dialog', async () => {
      // Enter on the button itself: on a busy machine focus can still be settling after the vault dialog closed.
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), app.button('Import…').press('Enter')]);
      await chooser.setFiles({ name: 'staging.json', mimeType: 'application/json', buffer: Buffer.from('{}') });
    });
  });
});
