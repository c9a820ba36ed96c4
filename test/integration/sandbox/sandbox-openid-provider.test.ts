import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testLogin } from '../../../src-main/app/test-login';
import { synapseSubjectLookup } from '../../../src-main/engine/login/subject-links';
import { type SandboxOpenIdProvider, startSandboxOpenIdProvider } from '../../../src-main/sandbox/sandbox-openid-provider';
import { chromiumPath, launchChromium } from '../../helpers/browser';
import { databaseWithSchema } from '../../helpers/databases';
import { hasTool } from '../../helpers/tools';

/**
 * The sandbox's stand-in OpenID provider on its own: its sign-in page shows
 * the sample accounts as text (whatever they hold), signs in only as one of
 * them, and a cancel reaches the app as the provider's refusal.
 */
const odd = { sub: 'g-<b>"&\'', userId: '@<i>odd:sandbox.example.org', localpart: '<i>odd', email: undefined };
const plain = { sub: 'g-9', userId: '@user9:sandbox.example.org', localpart: 'user9', email: 'user9@example.org' };

describe.runIf(hasTool(chromiumPath, 'chromium'))("the sandbox's OpenID provider", () => {
  let idp: SandboxOpenIdProvider;
  let browser: Browser;
  let synapse: pg.Client;

  beforeAll(async () => {
    idp = await startSandboxOpenIdProvider([odd, plain]);
    browser = await launchChromium();
    synapse = new pg.Client({ connectionString: await databaseWithSchema('synapse') });
    await synapse.connect();
    await synapse.query("INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES ('oidc-google', $1, $2)", [
      odd.sub,
      odd.userId,
    ]);
  });

  afterAll(async () => {
    await Promise.all([synapse?.end(), browser?.close(), idp?.stop()]);
  });

  /** A test login through the provider, `act` playing the admin on its sign-in page. */
  async function login(act: (page: Page) => Promise<void>) {
    const context = await browser.newContext();
    try {
      return await testLogin({
        provider: {
          id: '01JC0000000000000000000000',
          synapse_idp_id: 'oidc-google',
          issuer: idp.issuer,
          client_id: 'x',
          scope: 'openid profile email',
        },
        clientId: 'mas-migrator-test-login',
        lookup: synapseSubjectLookup(synapse, 'oidc-google'),
        openUrl: async (url) => {
          const page = await context.newPage();
          const response = await page.goto(url);
          expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
          await act(page);
        },
        timeoutMs: 30_000,
      });
    } finally {
      await context.close();
    }
  }

  it('lists the accounts as text and signs in as the one chosen: its sub is the stored external ID', async () => {
    const verdict = await login(async (page) => {
      expect(await page.locator('main i, main b').count()).toBe(0);
      await page.getByRole('button', { name: `Sign in as ${odd.userId}` }).click();
    });
    expect(verdict).toMatchObject({ kind: 'linked', subject: odd.sub, userId: odd.userId });
  });

  it('a cancel is the provider refusing the login (access_denied)', async () => {
    await expect(login((page) => page.getByRole('button', { name: 'Cancel' }).click())).rejects.toMatchObject({
      code: 'login-provider-error',
      message: expect.stringContaining('access_denied'),
    });
  });

  it('signs in as no account it did not offer, whatever the form says', async () => {
    const tampered = login(async (page) => {
      await page
        .locator('input[name=account]')
        .first()
        .evaluate((input) => input.setAttribute('value', 'someone-else'));
      await page.getByRole('button', { name: `Sign in as ${odd.userId}` }).click();
    });
    await expect(tampered).rejects.toMatchObject({ code: 'login-provider-error', message: expect.stringContaining('access_denied') });
  });
});
