import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../helpers/browser';
import { recordingRouter } from '../../helpers/ipc-recorder';
import { signInWith, startTestProvider, type TestProvider } from '../../helpers/oidc-test-provider';
import { localProfileSettings, tempDataDir } from '../../helpers/profiles';
import { loginHomeserver, providerUlid } from '../login/login-fixture';

/**
 * `providers.testLogin` (SPEC §12) through the real router as the renderer
 * calls it: the URL streamed to the page (the web host's way; this host has
 * no system browser), Chromium signing in at the real oidc-provider, and only
 * the verdict coming back.
 */
let idp: TestProvider;
let browser: Browser;
let rec: ReturnType<typeof recordingRouter>;
let rightProfile: string;
let wrongProfile: string;

beforeAll(async () => {
  idp = await startTestProvider({ alice: { preferred_username: 'Alice', email: 'alice@example.org', oid: 'ad-0042' } });
  browser = await launchChromium();
  const { synapseConfig, masConfig } = await loginHomeserver(idp.issuer);
  rec = recordingRouter(await tempDataDir());
  const profile = async (name: string, template: string) =>
    (await rec.ok('profiles.create', { settings: localProfileSettings(name, [synapseConfig], [await masConfig(name, template)]) })).id;
  rightProfile = await profile('right', '{{ user.preferred_username | lower }}');
  wrongProfile = await profile('wrong', '{{ user.oid }}');
});

afterAll(async () => {
  await Promise.all([browser?.close(), idp?.close()]);
});

/** One call; `act` plays the page given the streamed event. */
async function testLogin(input: Record<string, unknown>, act: (event: { url: string; opened: boolean }) => unknown, signal?: AbortSignal) {
  const events: unknown[] = [];
  const acting: Promise<unknown>[] = [];
  const outcome = await rec.router.call('providers.testLogin', input, {
    emit: (event) => {
      events.push(event);
      const step = Promise.resolve(act(event as { url: string; opened: boolean }));
      // Awaited below; until then a failure must not count as unhandled.
      step.catch(() => {});
      acting.push(step);
    },
    ...(signal ? { signal } : {}),
  });
  // The browser's side must have ended too, not be cut off by the next test.
  await Promise.all(acting);
  return { outcome, events };
}

describe('the providers.testLogin channel', () => {
  it('streams the URL for the page to open and answers with the verdict naming the Synapse user, nothing else', async () => {
    const { outcome, events } = await testLogin({ profileId: rightProfile, providerId: providerUlid }, ({ url }) =>
      signInWith(browser, 'alice')(url),
    );
    expect(events).toEqual([{ url: expect.stringMatching(new RegExp(`^${idp.issuer}/`)), opened: false }]);
    expect(outcome).toEqual({
      ok: true,
      output: {
        kind: 'linked',
        subject: 'alice',
        userId: '@alice:example.org',
        origin: 'synapse',
        line: 'This login is subject "alice": it is @alice:example.org\'s link (in Synapse; it migrates unchanged).',
      },
    });
  });

  it('a wrong subject template is linked to nobody before any migration', async () => {
    const { outcome } = await testLogin({ profileId: wrongProfile, providerId: providerUlid }, ({ url }) =>
      signInWith(browser, 'alice')(url),
    );
    expect(outcome).toMatchObject({ ok: true, output: { kind: 'unlinked', subject: 'ad-0042' } });
  });

  it('cancelling the call ends the login with cancelled', async () => {
    const controller = new AbortController();
    const { outcome } = await testLogin({ profileId: rightProfile, providerId: providerUlid }, () => controller.abort(), controller.signal);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('an unknown provider is named with the ones the MAS config has; bad input is refused before anything runs', async () => {
    expect(await rec.call('providers.testLogin', { profileId: rightProfile, providerId: 'nope' })).toMatchObject({
      ok: false,
      error: {
        code: 'usage',
        message: expect.stringContaining('has no upstream provider nope'),
        hint: `Its providers are: ${providerUlid} (oidc-test).`,
      },
    });
    expect(await rec.call('providers.testLogin', { profileId: rightProfile, providerId: providerUlid, token: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it('nothing that came back holds a token, a code or a claim other than the subject', () => {
    const seen = JSON.stringify(rec.seen);
    for (const word of ['id_token', 'access_token', 'code=', '"Alice"', 'alice@example.org', 'matrix-secret'])
      expect(seen.includes(word), word).toBe(false);
  });
});
