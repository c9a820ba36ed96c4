import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { withClient } from '../helpers/databases';
import { chromiumPath } from '../helpers/browser';
import { hasTool } from '../helpers/tools';
import { sshdPath, type TestSshd } from '../helpers/sshd';
import { deployments, masListeners } from '../fixtures/go-live-answers';
import { goLiveServers } from '../helpers/go-live-server';
import { expectSecretKept, type OpenApp, poll } from './app-driver';
import { appWithSshd } from './app-with-sshd';
import { expectAccessible } from './axe-audit';
import { type HomeserverFixture, homeserverFixture } from './homeserver-fixture';

/**
 * The admin's whole journey through the real UI, the web host, a real
 * OpenSSH server and real PostgreSQL: a profile whose Synapse side is reached
 * over SSH (config over SFTP, database through the tunnel), connection test
 * with host-key confirmation, generated and saved MAS config, a
 * provider created from Synapse's, checks with an error fixed and warnings
 * acknowledged, a password tested, a dry run that verifies itself, the real
 * migration, the report with "Verify MAS", the next steps and the go-live check.
 */
describe.runIf(hasTool(chromiumPath, 'chromium') && hasTool(sshdPath, 'openssh-server'))('the migration journey in the UI', () => {
  let ui: OpenApp;
  let page: Page;
  let app: OpenApp['app'];
  let hs: HomeserverFixture;
  let sshd: TestSshd;
  appWithSshd(
    (opened, started) => {
      ui = opened;
      ({ page, app } = ui);
      sshd = started;
    },
    async () => {
      hs = await homeserverFixture(120);
    },
  );

  it('starts with the three-step explanation and creates a profile reaching Synapse through SSH, hop by hop', async () => {
    await poll(() => page.getByText('Prepare and check').count()).toBe(1);
    await app.shot('01-profiles-first-launch');
    await app.createProfile('E2E homeserver');
    await page.locator('label', { hasText: 'On the server (SSH)' }).first().click();
    await page.getByLabel('Synapse config file', { exact: true }).fill(hs.synapseConfigPath);
    await app.sshRoute('Synapse', sshd, 'Private key');
    await page.getByLabel('Synapse SSH key file').fill(sshd.userKeyFile);

    // Testing saves first; the unknown host key stops the test until its fingerprint is confirmed.
    await app.connectionTest('Synapse');
    const hostKey = app.dialog("Confirm the SSH server's identity");
    await poll(() => hostKey.getByTestId('host-key-fingerprint').textContent()).toBe(sshd.hostKeyFingerprint);
    await expectAccessible(page, 'Host key dialog');
    await app.shot('02-connections-host-key');
    await hostKey.getByRole('button', { name: 'Trust this host key' }).click();
    const steps = page.getByRole('list', { name: 'Synapse connection test' }).locator('li');
    const states = () => steps.evaluateAll((items) => items.map((i) => `${i.getAttribute('data-step')}:${i.getAttribute('data-state')}`));
    await poll(states).toEqual(expect.arrayContaining(['ssh:ok', 'host-key:ok', 'config-files:ok', 'database:ok']));
    expect((await states()).filter((s) => s.endsWith(':failed'))).toEqual([]);

    // The file browser lists the server's folder over SFTP.
    await app.button('Browse the server for Synapse config file 1').click();
    const browser = app.dialog('Choose the Synapse config file on the server');
    await poll(() => browser.getByRole('button', { name: /homeserver\.yaml/ }).count()).toBe(1);
    await expectAccessible(page, 'File browser dialog');
    await browser.getByRole('button', { name: /homeserver\.yaml/ }).click();
    expect(await page.getByLabel('Synapse config file', { exact: true }).inputValue()).toBe(hs.synapseConfigPath);
    await app.saveConnections();
    await app.shot('03-connections-ssh-ok');
  });

  it('generates a MAS config, shows what it could not carry over, and saves it after a confirmation with the diff', async () => {
    await app.nav('Configuration');
    await poll(() => page.getByTestId('synapse-config').textContent()).toContain(hs.serverName);
    await app.button('Generate from Synapse…').click();
    const generated = app.dialog('MAS config generated from Synapse');
    await poll(() => generated.getByRole('list', { name: 'Not carried over' }).textContent()).toContain('database');
    await poll(() => generated.getByTestId('diff').textContent()).toContain('listeners');
    await app.shot('04-configuration-generated');
    await generated.getByRole('button', { name: 'Use this config' }).click();

    // Take the provider out in the editor (it is the last section), with the keyboard only.
    await page.getByRole('textbox', { name: 'MAS config' }).click();
    await page.keyboard.press('Control+End');
    for (let i = 0; i < 80 && (await page.locator('.cm-activeLine').textContent()) !== 'upstream_oauth2:'; i++)
      await page.keyboard.press('Shift+ArrowUp');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Delete');
    await app.button('Validate').click();
    await app.button('Save…').click();
    const save = app.dialog('Save the MAS config');
    await poll(() => save.getByTestId('diff').count()).toBe(1);
    // The profile names no MAS config yet: the first save says where, and the profile remembers it.
    await save.getByLabel('Save the MAS config as').fill(hs.masConfigPath);
    await app.shot('05-configuration-save');
    await save.getByRole('button', { name: 'Save' }).click();
    await poll(() => page.getByText(`Saved ${hs.masConfigPath}`).count()).toBe(1);
    const saved = parseDocument(await readFile(hs.masConfigPath, 'utf8'));
    expect(saved.get('upstream_oauth2')).toBeUndefined();
    expect(saved.getIn(['passwords', 'schemes', 0, 'secret'])).toBe('e2e-pepper');

    // The database password is a secret: the admin sets it in the file, and the app reopens it.
    saved.setIn(['database', 'uri'], hs.masUrl);
    await writeFile(hs.masConfigPath, saved.toString());
    await app.button('Reload from file').click();
    await app.shot('06-configuration-editor');
  });

  it('creates the MAS provider for a Synapse provider from its settings', async () => {
    await app.nav('Identity providers');
    const row = page.locator('tr[data-provider="oidc-google"]');
    await poll(() => row.textContent()).toContain('No MAS provider');
    await app.button('Create the MAS provider for Google').click();
    const create = app.dialog(/Create the MAS provider for Google/);
    await poll(() => create.getByLabel('Issuer').inputValue()).toBe('https://accounts.google.com/');
    await create.getByLabel('Name shown to users').fill('Google (company)');
    await app.shot('07-providers-create');
    await create.getByRole('button', { name: 'Add to the MAS config' }).click();
    await poll(() => row.textContent()).toContain('Paired');
    await app.button('Save…').click();
    await app.dialog('Save the MAS config').getByRole('button', { name: 'Save' }).click();
    await poll(() => page.getByText(/The previous file is kept as/).count()).toBe(1);
    const saved = parseDocument(await readFile(hs.masConfigPath, 'utf8'));
    expect(saved.getIn(['upstream_oauth2', 'providers', 0, 'synapse_idp_id'])).toBe('oidc-google');
    expect(saved.getIn(['upstream_oauth2', 'providers', 0, 'human_name'])).toBe('Google (company)');
    expect(saved.getIn(['database', 'uri'])).toBe(hs.masUrl);
  });

  it('runs the checks, shows an error, and after the fix asks for each warning to be acknowledged', async () => {
    await app.nav('Checks');
    await app.button('Run checks').click();
    const unknown = page.locator('[data-finding="provider-unknown-to-synapse"]');
    await poll(() => unknown.textContent(), 30_000).toContain('"oidc"');
    expect(await unknown.textContent()).toContain('Error');
    await app.shot('08-checks-error');

    await app.nav('Identity providers');
    await poll(() => page.locator('tr', { hasText: 'oidc' }).last().textContent()).toMatch(/^oidc\d+$/);
    const skip = page.getByLabel('Skip the links of unknown providers (--ignore-missing-auth-providers)');
    await skip.check();
    // The panel stays while the checks run again by themselves: the option turns the error into a warning, so the old findings are void.
    expect(await skip.isChecked()).toBe(true);
    await app.shot('09-providers-unknown');
    await app.nav('Checks');
    await poll(() => unknown.textContent(), 30_000).toContain('Warning');
    expect(await page.locator('[data-finding] .badge.error').count()).toBe(0);
    expect(await page.getByText('The real migration is not allowed yet').count()).toBe(1);
    await app.acknowledgeWarnings();
    expect(await page.getByText('Every warning is acknowledged: the migration may go ahead').count()).toBe(1);
    await app.shot('10-checks-acknowledged');
  });

  it('tests a password on the Checks screen: the right one is accepted, a wrong one rejected, and neither comes back', async () => {
    const { userId, password } = hs.login;
    const right = await app.testPassword(userId, password);
    expect(right).toContain(`MAS will accept this password for ${userId}`);
    expect(right).toContain('secret set, unicode_normalization on');
    await app.shot('10a-checks-password-accepted');

    const wrong = `${password.toUpperCase()}!`;
    const rejected = await app.testPassword(undefined, wrong);
    expect(rejected).toContain(`MAS will not accept this password for ${userId}: the password does not match the user's Synapse hash`);
    expect(rejected).toContain("the password is not this user's");
    await app.shot('10b-checks-password-rejected');
    // Each password went out once, in its own call; none came back, and none is in the page.
    await expectSecretKept(page, ui.ipc, password, 1);
    await expectSecretKept(page, ui.ipc, wrong, 1);
  });

  it('runs a dry run that verifies its own rows, shown on the Report screen, and then the real migration, each to 100 %', async () => {
    await app.nav('Migration');
    expect(await page.getByLabel('Verify the rehearsal').isChecked()).toBe(true);
    await app.button('Start dry run').click();
    await poll(() => page.getByText('The dry run finished; MAS is empty again').count(), 60_000).toBe(1);
    await expectEveryBarFull(page);
    expect(await page.getByTestId('migration-log').textContent()).toContain('Verifying MAS against Synapse: done');
    expect(await withClient(hs.masUrl, (c) => c.query('SELECT count(*)::int AS n FROM users')).then((r) => r.rows[0].n)).toBe(0);
    await app.shot('11-migration-dry-run');

    await app.button('Open the report').click();
    expect(await app.verificationVerdict()).toBe('MAS matches Synapse in all 9 tables');
    const verification = page.getByTestId('verification');
    expect(await verification.textContent()).toContain('The dry run verified its own rows before MAS was emptied again');
    const users = verification.locator('tr[data-table="users"]');
    const [expected, found, matching, differences] = await users.locator('td').allTextContents();
    expect([found, matching, differences]).toEqual([expected, expected, 'none']);
    expect(Number(expected)).toBeGreaterThan(100);
    expect(await verification.locator('tr[data-differs]').count()).toBe(0);
    // MAS is empty again: there is nothing to verify until the real run.
    expect(await app.button('Verify MAS').isDisabled()).toBe(true);
    await page.getByRole('heading', { name: 'Verification' }).scrollIntoViewIfNeeded();
    await app.shot('11a-report-dry-run-verified');

    await app.nav('Migration');
    await app.migrateForReal(hs.serverName, async (confirm) => {
      expect(await confirm.getByLabel('Verify MAS once the migration commits').isChecked()).toBe(false);
      await app.shot('12-migration-confirm');
    });
    await expectEveryBarFull(page);
    expect(await page.getByTestId('migration-log').textContent()).toContain('Migration finished.');
    const migrated = await withClient(hs.masUrl, (c) => c.query('SELECT count(*)::int AS n FROM users')).then((r) => r.rows[0].n);
    expect(migrated).toBeGreaterThan(100);
    await expectSidebarFullHeight(page);
    await app.shot('13-migration-done');
  });

  it('opens the report with migrated and skipped rows, exports it, and lists the next steps', async () => {
    await app.button('Open the report').click();
    await poll(() => page.locator('#screen-title').textContent()).toBe('Report');
    await poll(() => page.getByRole('table').first().textContent()).toContain('Why skipped');
    expect(await page.getByText('Real migration', { exact: true }).count()).toBe(1);
    expect(await page.locator('.checklist > li').count()).toBe(6);
    for (const step of [
      '1. Add the MAS section to the Synapse config',
      '2. Route /login, /logout and /refresh to MAS in the reverse proxy',
      '5. Start MAS',
    ]) {
      expect(await page.getByRole('checkbox', { name: step, exact: true }).count()).toBe(1);
    }
    const [markdown] = await Promise.all([page.waitForEvent('download'), app.button('Export Markdown').click()]);
    const text = await readFile((await markdown.path())!, 'utf8');
    expect(text).toContain(`Migration report: ${hs.serverName}`);
    expect(text).not.toContain('e2e-pepper');
    const [json] = await Promise.all([page.waitForEvent('download'), app.button('Export JSON').click()]);
    expect(JSON.parse(await readFile((await json.path())!, 'utf8')).dryRun).toBe(false);

    const sectionPath = join(hs.dir, 'mas-integration.yaml');
    await page.getByLabel('Write the section to').fill(sectionPath);
    await app.button('Write the section…').click();
    await app.dialog('Add the MAS section to the Synapse config').getByRole('button', { name: 'Write it' }).click();
    await poll(() => page.getByText(`Saved ${sectionPath}`).count()).toBe(1);
    const section = parseDocument(await readFile(sectionPath, 'utf8'));
    expect(section.getIn(['matrix_authentication_service', 'enabled'])).toBe(true);
    expect(stringify(section.toJS())).not.toContain('<redacted>');
    await app.shot('14-report');
  });

  it('verifies MAS after the real run: it matches Synapse in all 9 tables', async () => {
    expect(await page.getByTestId('verification').count()).toBe(0);
    await app.verifyMas();
    expect(await app.verificationVerdict()).toBe('MAS matches Synapse in all 9 tables');
    expect(await page.getByTestId('verification').textContent()).toContain('Verify MAS compared MAS with Synapse after the run');
    expect(await page.getByTestId('verification').locator('tr[data-table]').count()).toBe(9);
    await page.getByRole('heading', { name: 'Verification' }).scrollIntoViewIfNeeded();
    await app.shot('14a-report-verify-mas');
  });

  describe('the go-live check on the Report screen', () => {
    const serve = goLiveServers('all');
    const token = 'mat_JourneySessionToken_0123456789abcdef';

    async function goLive(homeserver: string, mas: string) {
      const form = page.getByRole('form', { name: 'Go-live check' });
      await form.getByLabel('Homeserver URL').fill(homeserver);
      await form.getByLabel('MAS URL (optional)').fill(mas);
      await form.getByLabel('Access token').fill(token);
      await form.getByRole('button', { name: 'Run the go-live check' }).click();
      expect(await form.getByLabel('Access token').inputValue()).toBe('');
      const steps = form.getByRole('list', { name: 'Go-live check steps' }).locator('li');
      await poll(() => steps.count()).toBe(5);
      await form.scrollIntoViewIfNeeded();
      return {
        form,
        states: () => steps.evaluateAll((items) => items.map((i) => `${i.getAttribute('data-step')}:${i.getAttribute('data-state')}`)),
      };
    }

    it('passes every step of a correct deployment, the token sent to whoami only', async () => {
      const hs = await serve(deployments.correct);
      const mas = await serve(masListeners.withHealth);
      const { form, states } = await goLive(hs.url, mas.url);
      expect(await states()).toEqual(['client-api:ok', 'auth-metadata:ok', 'login-routing:ok', 'mas-health:ok', 'session:ok']);
      expect(await form.textContent()).toContain('The homeserver is live on MAS, and existing sessions work');
      expect(await form.textContent()).toContain("the token is @joe:example.org's on device ABC1234");
      expect(hs.seen.filter((r) => r.authorization)).toEqual([
        { path: '/_matrix/client/v3/account/whoami', authorization: `Bearer ${token}` },
      ]);
      await app.shot('15-report-go-live-passed');
    });

    it('names the failing step and its likely cause: the proxy does not route /login to MAS', async () => {
      const { form, states } = await goLive((await serve(deployments.loginNotRouted)).url, (await serve(masListeners.withHealth)).url);
      expect(await states()).toEqual(['client-api:ok', 'auth-metadata:ok', 'login-routing:failed', 'mas-health:ok', 'session:ok']);
      const failed = form.locator('li[data-step="login-routing"]');
      expect(await failed.textContent()).toContain('the login flows come from Synapse itself');
      expect(await failed.textContent()).toContain(
        'Likely cause: The reverse proxy does not route /_matrix/client/*/login, /logout and /refresh to MAS',
      );
      expect(await form.textContent()).toContain('1 step of 5 failed');
      await app.shot('16-report-go-live-failed');
      await expectSecretKept(page, ui.ipc, token, 2);
    });
  });
});

/**
 * Every progress bar of a finished run says 100 % and is drawn full: its fill
 * as wide as its track right away (a bar still sliding towards the end is what
 * a screenshot, or an admin glancing, sees).
 */
async function expectEveryBarFull(page: Page) {
  const bars = await page.getByRole('progressbar').evaluateAll((all) =>
    all.map((bar) => {
      const fill = bar.firstElementChild!.getBoundingClientRect().width;
      return {
        bar: bar.getAttribute('aria-label'),
        valueNow: bar.getAttribute('aria-valuenow'),
        drawnFull: Math.abs(fill - bar.clientWidth) < 1,
      };
    }),
  );
  expect(bars.length).toBeGreaterThan(6);
  expect(bars).toEqual(bars.map(({ bar }) => ({ bar, valueNow: '100', drawnFull: true })));
}

/** On a page longer than the window the sidebar's background runs to the bottom, and its steps stay in view when scrolled down. */
async function expectSidebarFullHeight(page: Page) {
  const sidebar = page.getByRole('navigation', { name: 'Migration steps' });
  const { pageHeight, windowHeight } = await page.evaluate(() => ({
    pageHeight: document.documentElement.scrollHeight,
    windowHeight: window.innerHeight,
  }));
  expect(pageHeight).toBeGreaterThan(windowHeight * 1.5);
  expect((await sidebar.boundingBox())!.height).toBeGreaterThan(pageHeight - 1); // scrollHeight is rounded
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const steps = (await sidebar.getByRole('list').boundingBox())!;
  expect(steps.y).toBeGreaterThanOrEqual(0);
  expect(steps.y + steps.height).toBeLessThanOrEqual(windowHeight);
}
