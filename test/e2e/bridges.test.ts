import { appendFile, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chromiumPath } from '../helpers/browser';
import { bindPassword, bridgeSynapseConfig } from '../helpers/bridge-homeserver';
import { hasTool } from '../helpers/tools';
import { loginHomeserver } from '../integration/login/login-fixture';
import { appForTests, expectSecretKept, type OpenApp, poll } from './app-driver';
import { expectAccessible } from './axe-audit';
import { tempFolder } from '../helpers/temp-folders';

// biome-ignore lint/suspicious/noExplicitAny: saved configs are inspected freely
type Json = Record<string, any>;

const idpSecret = 'Idp-Client-Secret-9';

/**
 * The Identity providers screen of a homeserver with matrix-synapse-ldap3 and
 * saml2_config (SPEC §11, §12), in the web host: both bridge cards generate
 * their files, which are saved beside the MAS config with backups, and no
 * secret ever reaches the page.
 */
describe.runIf(hasTool(chromiumPath, 'chromium'))('The LDAP and SAML bridges on the Identity providers screen', () => {
  let page: Page;
  let ui: OpenApp;
  let files: { synapseConfig: string; masConfig: string; dir: string };

  beforeAll(async () => {
    const homeserver = await loginHomeserver('https://oidc.example.org/', await bridgeSynapseConfig(await tempFolder('e2e-bridges-')));
    const masConfig = await homeserver.masConfig('mas', '{{ user.preferred_username }}');
    await appendFile(masConfig, 'http:\n  public_base: https://auth.example.org/\n');
    files = { synapseConfig: homeserver.synapseConfig, masConfig, dir: dirname(masConfig) };
  });
  appForTests((opened) => {
    ui = opened;
    page = opened.page;
  });

  /** The segmented control's label is what the pointer meets. */
  const route = (name: string) => page.getByRole('group', { name: 'Route' }).getByText(name, { exact: true }).click();
  const dexEditor = () => page.getByRole('textbox', { name: 'Dex config' });
  const savedFiles = async () => (await readdir(files.dir)).filter((f) => /^(dex|mas)\.yaml/.test(f)).sort();

  /** Presses Save the files…, confirms, and waits for the notices of what was written. */
  async function saveFiles(title: string, count: number) {
    await ui.app.button('Save the files…').click();
    await ui.app.dialog(title).getByRole('button', { name: 'Save' }).click();
    await poll(() => page.getByText(/^Saved \//).count()).toBe(count);
  }

  it("generates Dex's config with the ldap and saml connectors and the MAS providers, lists the warnings, and saves both files with backups", async () => {
    const { app } = ui;
    await app.createProfile('Bridges');
    await page.getByLabel('Synapse config file', { exact: true }).fill(files.synapseConfig);
    await page.getByLabel('MAS config file', { exact: true }).fill(files.masConfig);
    await app.saveConnections();
    await app.nav('Identity providers');

    await page.getByLabel("Dex's public issuer URL", { exact: true }).fill('https://dex.example.org/dex');
    await page.getByLabel('LDAP ID attribute').fill('entryUUID');
    await app.button('Generate the files for the directory').click();
    await poll(() => dexEditor().textContent()).toContain('type: ldap');

    await route("Dex's saml connector");
    await poll(() => page.getByRole('alert').filter({ hasText: 'unmaintained and likely vulnerable' }).count()).toBe(1);
    await app.button('Generate the files for SAML').click();
    await poll(() => dexEditor().textContent()).toContain('type: saml');
    expect(await dexEditor().textContent()).toContain('type: ldap');
    const warnings = page.getByRole('list', { name: 'Not carried over' });
    await poll(() => warnings.textContent()).toContain("Dex's own documentation calls its saml connector unmaintained");
    expect(await warnings.textContent()).toContain('validate_cert: false');
    // Each card shows its MAS provider with a test login, beside the one of Synapse's OIDC provider.
    await poll(() => page.locator('[data-test-login]').count()).toBe(3);
    await expectAccessible(page, 'the Identity providers screen with the LDAP and SAML cards and their files');
    await app.shot('41-providers-bridges');

    await saveFiles("Save Dex's config and the MAS config", 2);
    const dex = parse(await readFile(join(files.dir, 'dex.yaml'), 'utf8')) as Json;
    const mas = parse(await readFile(files.masConfig, 'utf8')) as Json;
    expect(dex.connectors.map((c: Json) => c.type)).toEqual(['ldap', 'saml']);
    expect(dex.connectors[0].config).toMatchObject({ bindPW: bindPassword, userSearch: { idAttr: 'entryUUID' } });
    const providers = mas.upstream_oauth2.providers as Json[];
    expect(providers.map((p) => p.synapse_idp_id)).toEqual(['oidc-test', 'ldap', 'saml']);
    expect(dex.staticClients[0].secret).toBe(providers[1]!.client_secret);
    expect(dex.staticClients[0].redirectURIs).toEqual(providers.slice(1).map((p) => `https://auth.example.org/upstream/callback/${p.id}`));
    // The MAS config was replaced: its previous content is kept beside it.
    expect(await savedFiles()).toEqual(['dex.yaml', 'mas.yaml', expect.stringMatching(/^mas\.yaml\.bak-/)]);

    const page_ = await page.content();
    for (const secret of [bindPassword, dex.staticClients[0].secret, mas.matrix.secret, mas.secrets.encryption]) {
      expect(page_).not.toContain(secret);
      expect(ui.ipc.received.filter((frame) => frame.includes(secret))).toEqual([]);
    }
  });

  it("SAML through the IdP's OpenID Connect side: its client secret goes to the MAS config only, Dex keeps the directory, both files are backed up", async () => {
    await route("The IdP's OpenID Connect side (recommended)");
    await page.getByLabel("Issuer of the IdP's OpenID Connect side").fill('https://idp.example.org/realms/main');
    await page.getByLabel('Client ID registered there for MAS').fill('mas');
    await page.getByLabel('Client secret').fill(idpSecret);
    await page.getByLabel('Claim holding the SAML uid').fill('uid');
    await ui.app.button('Generate the files for SAML').click();
    await poll(() => page.getByLabel('Client secret').inputValue()).toBe('');
    await poll(() => dexEditor().textContent()).not.toContain('type: saml');
    await expectAccessible(page, "the SAML card with the IdP's OpenID Connect side");

    await saveFiles("Save Dex's config and the MAS config", 2);
    const dex = parse(await readFile(join(files.dir, 'dex.yaml'), 'utf8')) as Json;
    const providers = parse(await readFile(files.masConfig, 'utf8')).upstream_oauth2.providers as Json[];
    expect(dex.connectors.map((c: Json) => c.type)).toEqual(['ldap']);
    expect(providers.find((p) => p.synapse_idp_id === 'saml')).toMatchObject({
      issuer: 'https://idp.example.org/realms/main',
      client_secret: idpSecret,
      claims_imports: { subject: { template: '{{ user.uid }}' } },
    });
    const backups = (await savedFiles()).filter((f) => f.includes('.bak-'));
    expect(backups).toEqual([
      expect.stringMatching(/^dex\.yaml\.bak-/),
      expect.stringMatching(/^mas\.yaml\.bak-/),
      expect.stringMatching(/^mas\.yaml\.bak-/),
    ]);
    await expectSecretKept(page, ui.ipc, idpSecret, 1);
  });

  it("the page header's Save after generating saves Dex's config too, since the MAS config's providers for Dex share its new client secret", async () => {
    const before = (await savedFiles()).length;
    const dexBefore = await dexEditor().textContent();
    await ui.app.button('Generate the files for the directory').click();
    // Generating again made a new MAS draft and a new Dex config (a fresh client secret, a new provider ID), neither saved.
    await poll(() => dexEditor().textContent()).not.toBe(dexBefore);
    const notices = page.getByText(/^Saved \//);
    const noticesBefore = await notices.count();
    // A change typed in Dex's editor and not applied yet goes into the header's save too.
    await dexEditor().locator('.cm-line', { hasText: 'http: 0.0.0.0:5556' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('7');
    await ui.app.button('Save…').click();
    const dialog = ui.app.dialog("Save Dex's config and the MAS config");
    await poll(() => dialog.textContent()).toContain(`Dex's config goes to ${join(files.dir, 'dex.yaml')}`);
    await expectAccessible(page, "the header's save dialog with Dex's config");
    await dialog.getByRole('button', { name: 'Save' }).click();
    await poll(() => notices.count()).toBe(noticesBefore + 2);
    const dex = parse(await readFile(join(files.dir, 'dex.yaml'), 'utf8')) as Json;
    const providers = parse(await readFile(files.masConfig, 'utf8')).upstream_oauth2.providers as Json[];
    const ldap = providers.find((p) => p.synapse_idp_id === 'ldap')!;
    expect(dex.web.http).toBe('0.0.0.0:5557');
    expect(dex.staticClients[0].secret).toBe(ldap.client_secret);
    expect(dex.staticClients[0].redirectURIs).toEqual([`https://auth.example.org/upstream/callback/${ldap.id}`]);
    // Both replaced files were kept.
    expect((await savedFiles()).length).toBe(before + 2);
    // Saved together, nothing is left to save: the header's Save waits for the next change.
    await poll(() => ui.app.button('Save…').isDisabled()).toBe(true);
  });

  it('the sso-saml2 finding on the Checks screen lands on the SAML card', async () => {
    await ui.app.nav('Checks');
    await ui.app.button('Run checks').click();
    const finding = page.locator('[data-finding="sso-saml2"]');
    await poll(() => finding.count(), 60_000).toBe(1);
    await finding.getByRole('button', { name: 'Open Identity providers (the SAML routes)' }).click();
    await poll(() => page.locator('#screen-title').textContent()).toBe('Identity providers');
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('saml-bridge');
  });
});
