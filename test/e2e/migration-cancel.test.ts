import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../helpers/browser';
import { withClient } from '../helpers/databases';
import { hasTool } from '../helpers/tools';
import { type OpenApp, openApp, poll, shotOnFailure } from './app-driver';
import { expectAccessible } from './axe-audit';
import { type HomeserverFixture, homeserverFixture, writeMasConfig } from './homeserver-fixture';

/** Cancelling a run leaves MAS resumable and says so; the next run resumes it and the report says that too. */
describe.runIf(hasTool(chromiumPath, 'chromium'))('cancelling and resuming a run in the UI', () => {
  let ui: OpenApp | undefined;
  let page: Page;
  let app: OpenApp['app'];
  let hs: HomeserverFixture;

  beforeAll(async () => {
    // Big enough that the comparison after a real run's commit (about 1 s at 40,000 users) well outlasts cancelling it.
    hs = await homeserverFixture(90_000);
    await writeMasConfig(hs);
    ui = await openApp();
    ({ page, app } = ui);
  }, 300_000);
  afterEach(shotOnFailure(() => ui));
  afterAll(async () => {
    await ui?.close();
  });

  it('cancels a dry run mid-way, keeps the progress while switching screens, and resumes it', async () => {
    await app.createProfile('Cancel and resume');
    await page.getByLabel('Synapse config file', { exact: true }).fill(hs.synapseConfigPath);
    await page.getByLabel('MAS config file', { exact: true }).fill(hs.masConfigPath);
    await app.saveConnections();
    await app.nav('Migration');
    await app.button('Start dry run').click();
    const running = page.locator('.progress.running');
    await poll(() => page.getByText('Migrating', { exact: true }).count(), 60_000).toBeGreaterThan(0);

    // The run lives above the screens: leaving and coming back shows it still going.
    await app.nav('Checks');
    await app.nav('Migration');
    expect(await running.count()).toBeGreaterThan(0);

    await app.button('Cancel run').click();
    const cancel = app.dialog('Cancel the run?');
    expect(await cancel.textContent()).toContain('resumable');
    await expectAccessible(page, 'Cancel-run dialog over a running dry run');
    await app.shot('30-migration-cancel');
    await cancel.getByRole('button', { name: 'Cancel the run' }).click();
    await poll(() => page.getByText('The run was cancelled').count(), 60_000).toBe(1);
    const restore = await withClient(hs.masUrl, (c) =>
      c.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename LIKE 'syn2mas_restore_%'"),
    );
    expect(restore.rows[0].n).toBe(2);
    await app.shot('31-migration-cancelled');

    await app.button('Resume dry run').click();
    await poll(() => page.getByText('The dry run finished; MAS is empty again').count(), 240_000).toBe(1);
    await app.button('Open the report').click();
    await poll(() => page.getByText('Resumed', { exact: true }).count()).toBe(1);
  }, 300_000);

  it("after a real run's commit, cancelling stops only its verification, and the dialog says so", async () => {
    // The real run needs the checks passed: the fixture's links of a provider no config declares are skipped.
    await app.nav('Checks');
    await app.button('Run checks').click();
    const unknown = page.locator('[data-finding="provider-unknown-to-synapse"]');
    await poll(() => unknown.textContent(), 60_000).toContain('Error');
    await app.nav('Identity providers');
    await page.getByLabel('Skip the links of unknown providers (--ignore-missing-auth-providers)').check();
    await app.nav('Checks');
    await poll(() => unknown.textContent(), 60_000).toContain('Warning');
    await app.acknowledgeWarnings();
    await app.nav('Migration');
    let cancelling: Promise<string> | undefined;
    await app.migrateForReal(hs.serverName, async (confirm) => {
      await confirm.getByLabel('Verify MAS once the migration commits').check();
      // The verify stage is added once the run has committed: cancel then, while the comparison goes on. Looked for as
      // this run's stage in progress: the words alone were found on the page while the run was still setting up.
      cancelling = (async () => {
        const verifying = page.locator('p.row', { hasText: 'Verifying MAS against Synapse' }).filter({ hasText: 'in progress…' });
        await poll(() => verifying.count(), 120_000).toBeGreaterThan(0);
        await app.button('Cancel run').click();
        const dialog = app.dialog('Cancel the verification?');
        const text = (await dialog.textContent()) ?? '';
        // Confirmed at once, while the comparison still runs (an audit here could outlast it): the same dialog as the
        // one audited above, in other words.
        await dialog.getByRole('button', { name: 'Cancel the verification' }).click();
        return text;
      })();
    });
    const said = await cancelling!;
    expect(said).toContain('The migration itself is committed: cancelling stops only the comparison with Synapse.');
    expect(said).not.toContain('resumable');
    const migrated = await withClient(hs.masUrl, (c) => c.query('SELECT count(*)::int AS n FROM users')).then((r) => r.rows[0].n);
    expect(migrated).toBeGreaterThan(30_000);
    await app.button('Open the report').click();
    expect(await app.verificationVerdict()).toBe(
      'Could not compare: The verification was cancelled. The migration itself had finished and is committed.',
    );
  }, 300_000);
});
