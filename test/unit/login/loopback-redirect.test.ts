import { describe, expect, it } from 'vitest';
import { loopbackRedirect } from '../../../src-main/connect/oauth/loopback-redirect';
import { testLoginRegistration } from '../../../src-shared/domain/test-login-client';

describe('the one-shot loopback redirect (RFC 8252 §7.3)', () => {
  it('listens on 127.0.0.1 at /callback, refuses a wrong state and keeps waiting, then takes the one with the state and closes', async () => {
    const redirect = await loopbackRedirect('expected-state', 10_000);
    expect(redirect.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const stray = await fetch(`${redirect.redirectUri}?code=stolen&state=other`);
    expect(stray.status).toBe(400);
    const wrongPath = await fetch(redirect.redirectUri.replace('/callback', '/other?state=expected-state'));
    expect(wrongPath.status).toBe(400);
    const real = await fetch(`${redirect.redirectUri}?code=abc&state=expected-state`);
    expect(real.status).toBe(200);
    expect(await real.text()).toContain('You can close this window');
    const url = await redirect.callback;
    expect(url.searchParams.get('code')).toBe('abc');
    await expect(fetch(redirect.redirectUri)).rejects.toThrow();
  });

  it('an abort ends the wait with cancelled and frees the port', async () => {
    const controller = new AbortController();
    const redirect = await loopbackRedirect('s', 10_000, controller.signal);
    controller.abort();
    await expect(redirect.callback).rejects.toMatchObject({ code: 'cancelled' });
    await expect(fetch(redirect.redirectUri)).rejects.toThrow();
  });

  it('an already aborted signal cancels at once', async () => {
    const redirect = await loopbackRedirect('s', 10_000, AbortSignal.abort());
    await expect(redirect.callback).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('times out with login-timed-out, saying how long it waited', async () => {
    const redirect = await loopbackRedirect('s', 300);
    await expect(redirect.callback).rejects.toMatchObject({ code: 'login-timed-out', message: expect.stringContaining('within 300 ms') });
  });
});

describe('what to register at a provider for the test login', () => {
  it('names the public client, the loopback redirect with any port, PKCE and the scopes', () => {
    expect(testLoginRegistration('https://idp.example.org', 'openid profile')).toBe(
      'At https://idp.example.org, register a public client (no secret; "native" where the provider asks the application type) with the client ID mas-migrator-test-login or one of your choosing, the redirect URI http://127.0.0.1/callback with any port (RFC 8252 §7.3 loopback), the authorization code grant with PKCE (S256) and the scopes openid profile.',
    );
  });
});
