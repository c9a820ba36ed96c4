import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { testLoginClientId, testLoginRedirectUri } from '../../src-shared/domain/test-login-client';
import type { SandboxAccount } from './sandbox-accounts';
import { sandboxProviderStore } from './sandbox-provider-store';
import { signInPage } from './sandbox-sign-in-page';

export interface SandboxOpenIdProvider {
  /** http://127.0.0.1:<port>, the issuer the sandbox's homeserver.yaml names. */
  issuer: string;
  accounts: readonly SandboxAccount[];
  stop(): Promise<void>;
}

/** The app's public test-login client as an OpenID provider registers it (RFC 7591 metadata): no secret, loopback redirect. */
export const testLoginClientMetadata = {
  client_id: testLoginClientId,
  application_type: 'native',
  token_endpoint_auth_method: 'none',
  redirect_uris: [testLoginRedirectUri],
  grant_types: ['authorization_code'],
  response_types: ['code'],
} as const;

/** The sign-in page's path: oidc-provider sends the browser there with the interaction's uid. */
const interactionPath = /^\/interaction\/([A-Za-z0-9_-]+)$/;
/** Sent with the sign-in page: it loads nothing and runs no script. */
const pagePolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";
/** A form with one field: anything larger is not the page's. */
const maxBody = 4096;

/**
 * An RS256 signing key: RSA, which Electron's BoringSSL has (its EC keys are
 * the NIST curves only), and the algorithm every OpenID client accepts.
 */
function signingKey(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: 'sandbox', alg: 'RS256', use: 'sig' };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > maxBody) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

/**
 * The sandbox's stand-in for its homeserver's OpenID provider (the sample
 * data's `oidc-google` links): the certified oidc-provider on 127.0.0.1 at a
 * random port, whose accounts are sample users with their stored external
 * IDs as `sub`, and which has the app's public test-login client registered
 * (no secret, PKCE, loopback redirect), so "Test a login" can be tried. Its
 * sign-in page lists those accounts; state is in memory and ends with it.
 */
export async function startSandboxOpenIdProvider(accounts: readonly SandboxAccount[]): Promise<SandboxOpenIdProvider> {
  // Loaded when a sandbox starts, not with the app: the library warns on import about any runtime it does not expect.
  const { default: Provider } = await import('oidc-provider');
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const bySub = new Map(accounts.map((a) => [a.sub, a]));
  const provider = new Provider(issuer, {
    clients: [testLoginClientMetadata],
    adapter: sandboxProviderStore(),
    jwks: { keys: [signingKey()] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // The claims Synapse's mapping in the sandbox's homeserver.yaml reads, in the ID token as Google puts them.
    claims: { openid: ['sub'], profile: ['preferred_username', 'name'], email: ['email', 'email_verified'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    ttl: { AuthorizationCode: 60, AccessToken: 600, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    findAccount: (_ctx: unknown, sub: string) => {
      const account = bySub.get(sub);
      if (!account) return undefined;
      const claims = {
        sub,
        preferred_username: account.localpart,
        name: account.localpart,
        ...(account.email ? { email: account.email, email_verified: true } : {}),
      };
      return { accountId: sub, claims: () => claims };
    },
  });
  const oidc = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': pagePolicy,
        'cache-control': 'no-store',
      });
      res.end(signInPage(path, accounts));
      return;
    }
    const form = await readForm(req);
    const account = bySub.get(form.get('account') ?? '');
    if (form.has('cancel') || !account) {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The sign-in was cancelled.' });
      return;
    }
    // Signed in and consented at once: the sandbox asks nothing more of its sample users.
    const grant = new provider.Grant({ accountId: account.sub, clientId: details.params.client_id });
    grant.addOIDCScope(details.params.scope ?? 'openid');
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.sub }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    if (!interactionPath.test(path) || (req.method !== 'GET' && req.method !== 'POST')) {
      oidc(req, res);
      return;
    }
    interaction(req, res, path).catch(() => {
      // An expired or unknown interaction (its cookie is gone): start the sign-in again from the app.
      if (res.headersSent) return res.end();
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('This sign-in has expired or is unknown. Start it again from MAS Migrator ("Test a login").');
    });
  });

  return {
    issuer,
    accounts,
    stop: async () => {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closed;
    },
  };
}
