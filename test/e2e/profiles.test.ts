import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumPath } from '../helpers/browser';
import { hasTool } from '../helpers/tools';
import { appForTests, type OpenApp, poll } from './app-driver';

/** The Profiles screen: rename, duplicate, export, delete with confirmation and import, by keyboard where it matters. */
describe.runIf(hasTool(chromiumPath, 'chromium'))('profiles in the UI', () => {
  let page: Page;
  let app: OpenApp['app'];
  const names = () => page.locator('tr[data-profile]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-profile')));

  appForTests((ui) => {
    ({ page, app } = ui);
  });

  it('creates, renames and duplicates profiles; a taken name is refused in place', async () => {
    await app.createProfile('Production');
    await app.nav('Profiles');
    await app.button('Rename Production').click();
    const rename = app.dialog('Rename profile');
    await rename.getByLabel('Profile name').fill('matrix.example.org');
    await page.keyboard.press('Enter');
    await poll(names).toEqual(['matrix.example.org']);
    expect(await page.getByTestId('current-profile').textContent()).toContain('matrix.example.org');

    await app.button('Duplicate matrix.example.org').click();
    const duplicate = app.dialog('Duplicate profile');
    // The dialog fills in the suggested name once it has opened: wait for it rather than read it at once.
    await poll(() => duplicate.getByLabel('Profile name').inputValue()).toBe('matrix.example.org (copy)');
    await duplicate.getByLabel('Profile name').fill('matrix.example.org');
    await duplicate.getByRole('button', { name: 'Duplicate' }).click();
    await poll(() => duplicate.getByRole('alert').textContent()).toContain('already exists');
    await duplicate.getByLabel('Profile name').fill('Staging');
    await duplicate.getByRole('button', { name: 'Duplicate' }).click();
    await poll(names).toEqual(['matrix.example.org', 'Staging']);
    await app.shot('40-profiles-list');
  });

  it('exports a profile, deletes it after confirmation, and imports it back with the passphrase', async () => {
    await app.button('Export Staging').click();
    const exporting = app.dialog('Export Staging');
    await exporting.getByLabel('Passphrase', { exact: true }).fill('a long export passphrase');
    await exporting.getByLabel('Passphrase again').fill('a long export passphrase');
    const [download] = await Promise.all([page.waitForEvent('download'), exporting.getByRole('button', { name: 'Export' }).click()]);
    const file = (await download.path())!;
    expect(await readFile(file, 'utf8')).not.toContain('Staging');

    await app.button('Delete Staging').click();
    const confirm = app.dialog('Delete profile');
    expect(await confirm.textContent()).toContain('The servers and their configs are not touched');
    // Escape cancels: nothing is deleted.
    await page.keyboard.press('Escape');
    await poll(() => confirm.isVisible()).toBe(false);
    await app.button('Delete Staging').click();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await poll(names).toEqual(['matrix.example.org']);

    await page.getByLabel('Profile export file to import').setInputFiles(file);
    const importing = app.dialog(/^Import /);
    await importing.getByLabel('Passphrase', { exact: true }).fill('not it');
    await importing.getByRole('button', { name: 'Import' }).click();
    await poll(() => importing.getByRole('alert').textContent()).toContain('passphrase');
    await importing.getByLabel('Passphrase', { exact: true }).fill('a long export passphrase');
    await importing.getByRole('button', { name: 'Import' }).click();
    await poll(names).toEqual(['matrix.example.org', 'Staging']);
  });

  it('is usable by keyboard: focus is visible and reaches the journey steps', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { tag: el.tagName, outline: getComputedStyle(el).outlineStyle, text: el.textContent };
    });
    expect(focused.tag).toBe('BUTTON');
    expect(focused.text).toContain('Profiles');
    expect(focused.outline).toBe('solid');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await poll(() => page.locator('#screen-title').textContent()).toBe('Connections');
  });
});
