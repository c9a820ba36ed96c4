import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import type { Browser, Page } from 'playwright-core';

import { testLoginClientId } from '../../src-shared/domain/test-login-client';
import { testLoginClientMetadata } from '../../src-main/sandbox/sandbox-openid-provider';

export { testLoginClientId };

export interface TestProvider {
  issuer: string;
  /** When true, discovery names a JWKS of other keys (same kid): the ID token's signature no longer matches. */
  wrongJwks: boolean;
  close(): Promise<void>;
}

function signingJwk(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: 'signing', alg: 'RS256', use: 'sig' };
}

function publicJwk(jwk: Record<string, unknown>): Record<string, unknown> {
  const { kty, n, e, kid, alg, use } = jwk;
  return { kty, n, e, kid, alg, use };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

/**
 * A real, certified OpenID provider (oidc-provider) on 127.0.0.1, with its
 * development login and consent pages: whoever signs in as `login` gets the
 * claims `accounts[login]` (their `sub` is the login). Scope claims are put in
 * the ID token, as Dex and most providers do; `userinfoOnly` claims are only
 * in userinfo, to prove fetch_userinfo.
 */
export async function startTestProvider(
  accounts: Record<string, Record<string, unknown>>,
  userinfoOnly: Record<string, Record<string, unknown>> = {},
): Promise<TestProvider> {
  const otherKeys = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [publicJwk(signingJwk())] }));
  });
  const otherKeysUrl = `http://127.0.0.1:${await listen(otherKeys)}/jwks`;
  const server = createServer();
  const port = await listen(server);
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [testLoginClientMetadata],
    jwks: { keys: [signingJwk()] },
    cookies: { keys: ['test-cookie-key'] },
    // `federated:id` is Dex's scope for `federated_claims` (SPEC §11): a stand-in for Dex's LDAP connector.
    claims: {
      openid: ['sub'],
      profile: ['preferred_username', 'name'],
      email: ['email'],
      extra: ['oid', 'employee_id'],
      'federated:id': ['federated_claims'],
    },
    scopes: ['openid', 'profile', 'email', 'extra', 'federated:id'],
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    findAccount: (_ctx: unknown, id: string) =>
      accounts[id] === undefined
        ? undefined
        : {
            accountId: id,
            claims: (use: string) => ({ sub: id, ...accounts[id], ...(use === 'userinfo' ? userinfoOnly[id] : {}) }),
          },
  });
  const state: TestProvider = {
    issuer,
    wrongJwks: false,
    close: async () => {
      const closed = [server, otherKeys].map((s) => new Promise((resolve) => s.close(resolve)));
      for (const s of [server, otherKeys]) s.closeAllConnections();
      await Promise.all(closed);
    },
  };
  provider.use(async (ctx, next) => {
    await next();
    if (state.wrongJwks && ctx.path === '/.well-known/openid-configuration') (ctx.body as Record<string, unknown>).jwks_uri = otherKeysUrl;
  });
  server.on('request', provider.callback());
  return state;
}

/** The admin's browser: Chromium opens the authorization URL, `act` plays the admin, and the provider redirects to the app's loopback listener. */
function inBrowser(browser: Browser, act: (page: Page) => Promise<void>): (url: string) => Promise<void> {
  return async (url) => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      // The development pages import a web font: there is no network here.
      await page.route(/^https:\/\//, (route) => route.abort());
      await page.goto(url);
      await act(page);
      await page.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/callback\?/);
      await page.getByText('The login was received').waitFor();
    } finally {
      await context.close();
    }
  };
}

/** On oidc-provider's development login page (open in `page`): signs in as `login`, and consents. */
export async function signInOn(page: Page, login: string): Promise<void> {
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', 'any');
  await page.click('button[type=submit]');
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Signs in as `login` in a browser of its own, as the admin does with the URL the app printed. */
export function signInWith(browser: Browser, login: string): (url: string) => Promise<void> {
  return inBrowser(browser, (page) => signInOn(page, login));
}

/** Cancels on the login page: the provider answers the app with access_denied. */
export function declineIn(browser: Browser): (url: string) => Promise<void> {
  return inBrowser(browser, (page) => page.getByRole('link', { name: '[ Cancel ]' }).click());
}

/** On the sandbox provider's sign-in page (src-main/sandbox/sandbox-sign-in-page.ts, open in `page`): signs in as the sample user `userId`. */
export async function signInOnSandbox(page: Page, userId: string): Promise<void> {
  await page.getByRole('button', { name: `Sign in as ${userId}` }).click();
}

/** Signs in at the sandbox's provider as `userId` in a browser of its own, as the admin does with the URL the command printed. */
export function signInAtSandbox(browser: Browser, userId: string): (url: string) => Promise<void> {
  return inBrowser(browser, (page) => signInOnSandbox(page, userId));
}
