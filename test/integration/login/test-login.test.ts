import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestLoginInput, testLogin } from '../../../src-main/app/test-login';
import type { MasUpstreamProvider } from '../../../src-main/engine/config/mas/mas-model';
import { masSubjectLookup, synapseSubjectLookup } from '../../../src-main/engine/login/subject-links';
import { ulidToUuid } from '../../../src-main/engine/mas/ulid-ids';
import { launchChromium } from '../../helpers/browser';
import { databaseWithSchema } from '../../helpers/databases';
import { declineIn, signInWith, startTestProvider, type TestProvider, testLoginClientId } from '../../helpers/oidc-test-provider';

/**
 * SPEC §12 "proving a login", end to end: a real OpenID provider (oidc-provider)
 * on 127.0.0.1, the browser step in real Chromium, the code received on the
 * app's loopback listener, the ID token checked against the provider's JWKS,
 * and the subject looked up in a real Synapse database, then in a real MAS one.
 */
const providerId = '01JBQ5Y8M2N3P4Q5R6S7T8V9W0';
const serverName = 'example.org';
let idp: TestProvider;
let browser: Browser;
let synapse: pg.Client;
let mas: pg.Client;

beforeAll(async () => {
  idp = await startTestProvider(
    {
      alice: { preferred_username: 'Alice', email: 'Alice@Example.org', oid: 'ad-0042' },
      bob: { preferred_username: 'bob', email: 'bob@example.org' },
    },
    { alice: { employee_id: 'E-7' } },
  );
  browser = await launchChromium();
  synapse = new pg.Client({ connectionString: await databaseWithSchema('synapse') });
  mas = new pg.Client({ connectionString: await databaseWithSchema('mas') });
  await Promise.all([synapse.connect(), mas.connect()]);
  // Synapse's link for alice: the IdP's sub, as Synapse's default OIDC mapping stores it.
  await synapse.query(
    "INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES ('oidc-test', 'alice', '@alice:example.org')",
  );
  const userId = '0192f7a4-1111-7000-8000-000000000001';
  await mas.query("INSERT INTO users (user_id, username, created_at) VALUES ($1, 'alice', now())", [userId]);
  await mas.query(
    "INSERT INTO upstream_oauth_providers (upstream_oauth_provider_id, scope, client_id, token_endpoint_auth_method, created_at) VALUES ($1, 'openid', 'mas', 'none', now())",
    [ulidToUuid(providerId)],
  );
  await mas.query(
    "INSERT INTO upstream_oauth_links (upstream_oauth_link_id, upstream_oauth_provider_id, user_id, subject, created_at) VALUES ('0192f7a4-2222-7000-8000-000000000002', $1, $2, 'alice', now())",
    [ulidToUuid(providerId), userId],
  );
});

afterAll(async () => {
  await Promise.all([synapse?.end(), mas?.end(), browser?.close(), idp?.close()]);
});

function provider(overrides: Partial<MasUpstreamProvider> = {}): MasUpstreamProvider {
  return {
    id: providerId,
    synapse_idp_id: 'oidc-test',
    issuer: idp.issuer,
    client_id: 'mas',
    scope: 'openid profile email extra',
    ...overrides,
  };
}

const masLookup = () => masSubjectLookup(mas, providerId, serverName);

/** One test login through the provider changed by `overrides`, looked up in Synapse unless `extra` says otherwise. */
function login(overrides: Partial<MasUpstreamProvider>, openUrl: TestLoginInput['openUrl'], extra: Partial<TestLoginInput> = {}) {
  return testLogin({
    provider: provider(overrides),
    clientId: testLoginClientId,
    lookup: synapseSubjectLookup(synapse, 'oidc-test'),
    openUrl,
    ...extra,
  });
}

const template = (t: string) => ({ claims_imports: { subject: { template: t } } });

describe('test-login against a real OpenID provider (SPEC §12)', () => {
  it('before the migration: the default subject template ({{ user.sub }}) lands on the Synapse user it is linked to', async () => {
    const verdict = await login({}, signInWith(browser, 'alice'));
    expect(verdict).toEqual({
      kind: 'linked',
      subject: 'alice',
      userId: '@alice:example.org',
      origin: 'synapse',
      line: 'This login is subject "alice": it is @alice:example.org\'s link (in Synapse; it migrates unchanged).',
    });
  });

  it('after the migration: the same login is found in MAS’s upstream_oauth_links', async () => {
    const verdict = await login(template('{{ user.preferred_username | lower }}'), signInWith(browser, 'alice'), { lookup: masLookup() });
    expect(verdict.line).toBe('This login is subject "alice": it is @alice:example.org\'s link (migrated from Synapse).');
  });

  it('a template that yields a different claim is caught before any migration: linked to nobody', async () => {
    const verdict = await login(template('{{ user.oid }}'), signInWith(browser, 'alice'));
    expect(verdict).toMatchObject({ kind: 'unlinked', subject: 'ad-0042' });
    expect(verdict.line).toBe(
      'This login is subject "ad-0042": it is linked to nobody: MAS would create a new account or refuse the login.',
    );
  });

  it('another user of the same provider with no link is linked to nobody', async () => {
    const verdict = await login({}, signInWith(browser, 'bob'), { lookup: masLookup() });
    expect(verdict).toMatchObject({ kind: 'unlinked', subject: 'bob', origin: 'mas' });
  });

  it('a template with an unsupported construct cannot be evaluated, and is not guessed', async () => {
    const verdict = await login(template('{{ user.preferred_username | replace("A", "a") }}'), signInWith(browser, 'alice'));
    expect(verdict.kind).toBe('unevaluable');
    expect(verdict.line).toContain('cannot be evaluated here');
  });

  it('userinfo claims count only when the provider has fetch_userinfo', async () => {
    const withoutUserinfo = await login(template('{{ user.employee_id }}'), signInWith(browser, 'alice'));
    expect(withoutUserinfo).toMatchObject({ kind: 'nothing', missing: 'user.employee_id' });
    const withUserinfo = await login({ ...template('{{ user.employee_id }}'), fetch_userinfo: true }, signInWith(browser, 'alice'));
    expect(withUserinfo).toMatchObject({ kind: 'unlinked', subject: 'E-7' });
  });

  it('an ID token not signed by a key of the published JWKS is refused with login-bad-signature', async () => {
    idp.wrongJwks = true;
    try {
      await expect(login({}, signInWith(browser, 'alice'))).rejects.toMatchObject({
        code: 'login-bad-signature',
        message: expect.stringContaining(idp.issuer),
      });
    } finally {
      idp.wrongJwks = false;
    }
  });

  it('a login nobody completes times out, and its loopback port is closed', async () => {
    let authorizationUrl = '';
    await expect(
      login(
        {},
        (url) => {
          authorizationUrl = url;
        },
        { timeoutMs: 1500 },
      ),
    ).rejects.toMatchObject({ code: 'login-timed-out' });
    const redirectUri = new URL(authorizationUrl).searchParams.get('redirect_uri')!;
    expect(redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    await expect(fetch(redirectUri)).rejects.toThrow();
  });

  it('a cancelled login ends at once with cancelled', async () => {
    const controller = new AbortController();
    const started = Date.now();
    await expect(
      login(
        {},
        () => {
          setTimeout(() => controller.abort(), 200);
        },
        { signal: controller.signal },
      ),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('the authorization request is a public client’s with PKCE S256, state and nonce', async () => {
    let authorizationUrl = new URL('http://unset');
    await login({}, async (url) => {
      authorizationUrl = new URL(url);
      await signInWith(browser, 'alice')(url);
    });
    const p = authorizationUrl.searchParams;
    expect({ method: p.get('code_challenge_method'), client: p.get('client_id'), type: p.get('response_type') }).toEqual({
      method: 'S256',
      client: testLoginClientId,
      type: 'code',
    });
    expect(p.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.get('state')).toBeTruthy();
    expect(p.get('nonce')).toBeTruthy();
  });

  it('a login the provider refuses is a provider error naming the issuer and the provider’s reason', async () => {
    await expect(login({}, declineIn(browser))).rejects.toMatchObject({
      code: 'login-provider-error',
      message: `The provider ${idp.issuer} refused the login (access_denied: End-User aborted interaction).`,
    });
  });

  it('an unreachable provider is a provider error naming its issuer', async () => {
    await expect(login({ issuer: 'http://127.0.0.1:9/' }, () => {})).rejects.toMatchObject({
      code: 'login-provider-error',
      message: expect.stringContaining('http://127.0.0.1:9/'),
    });
  });
});
