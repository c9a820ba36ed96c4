import * as oidc from 'openid-client';
import { AppError } from '../../../src-shared/errors';
import { loopbackRedirect } from './loopback-redirect';

/** What the app needs to sign in through one upstream provider as MAS would, as a public client. */
export interface UpstreamLoginOptions {
  issuer: string;
  /** The public client registered for the test login (not MAS's own, confidential one). */
  clientId: string;
  scope: string;
  /** MAS's `fetch_userinfo`: userinfo claims are added to the ID token's. */
  fetchUserinfo: boolean;
  /** Shows the authorization URL to the admin: the app opens the system browser, the CLI prints it. */
  openUrl: (url: string) => void | Promise<void>;
  signal?: AbortSignal;
  /** How long the admin has to finish signing in [5 minutes]. */
  timeoutMs?: number;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * SPEC §12: one authorization-code login with PKCE (S256), state and nonce,
 * the code received on a loopback redirect, the ID token's signature checked
 * against the provider's JWKS. Returns the claims only: the tokens stay here
 * and nothing is stored or logged.
 */
export async function upstreamLogin(options: UpstreamLoginOptions): Promise<Record<string, unknown>> {
  const issuer = issuerUrl(options.issuer);
  const config = await discover(issuer, options);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const verifier = oidc.randomPKCECodeVerifier();
  const redirect = await loopbackRedirect(state, options.timeoutMs ?? 5 * 60_000, options.signal);
  try {
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirect.redirectUri,
      scope: options.scope,
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    await options.openUrl(url.href);
    const callback = await redirect.callback;
    const tokens = await oidc
      .authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: verifier,
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: true,
      })
      .catch((error: unknown) => failure(error, options));
    const claims: Record<string, unknown> = { ...tokens.claims() };
    if (!options.fetchUserinfo) return claims;
    const userinfo = await oidc
      .fetchUserInfo(config, tokens.access_token, String(claims.sub))
      .catch((error: unknown) => failure(error, options));
    return { ...claims, ...userinfo };
  } finally {
    redirect.close();
  }
}

function issuerUrl(issuer: string): URL {
  if (!URL.canParse(issuer))
    throw new AppError('login-provider-error', `The provider's issuer "${issuer}" is not a URL.`, 'Fix the issuer in the MAS config.');
  return new URL(issuer);
}

async function discover(issuer: URL, options: UpstreamLoginOptions): Promise<oidc.Configuration> {
  // Plain HTTP only to a provider on this machine (a development Dex, the test provider), as RFC 8252 allows for loopback.
  const insecure = issuer.protocol === 'http:' && loopbackHosts.has(issuer.hostname);
  const config = await oidc
    .discovery(issuer, options.clientId, undefined, oidc.None(), {
      execute: [oidc.enableNonRepudiationChecks, ...(insecure ? [oidc.allowInsecureRequests] : [])],
      timeout: 30,
    })
    .catch((error: unknown) => failure(error, options));
  // Every later request (token, JWKS, userinfo) stops when the login is cancelled.
  const signal = options.signal;
  if (signal)
    config[oidc.customFetch] = (url, init) =>
      // openid-client's body types are fetch's own (its FetchBody is a BodyInit subset).
      fetch(url, { ...(init as RequestInit), signal: AbortSignal.any([init.signal, signal].filter((s) => s != null)) });
  return config;
}

const signatureCodes = new Set(['OAUTH_KEY_SELECTION_FAILED']);

/** openid-client's failures as the admin's: the issuer named, no token or raw stack in the message. */
function failure(error: unknown, options: UpstreamLoginOptions): never {
  if (options.signal?.aborted) throw new AppError('cancelled', 'The test login was cancelled.');
  const hint = `Check the provider at ${options.issuer}, the client ID "${options.clientId}" and that the app's loopback redirect is allowed for it.`;
  if (error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError) {
    const detail = error.error_description ? `${error.error}: ${error.error_description}` : error.error;
    throw new AppError('login-provider-error', `The provider ${options.issuer} refused the login (${detail}).`, hint);
  }
  if (error instanceof oidc.ClientError) {
    const cause = error.cause instanceof Error ? error.cause.message : '';
    if (signatureCodes.has(error.code ?? '') || /signature verification failed/.test(cause))
      throw new AppError(
        'login-bad-signature',
        `The ID token from ${options.issuer} is not signed by a key in the provider's published key set (JWKS).`,
        "Do not trust this provider's tokens: check its jwks_uri and signing keys, and that the issuer URL is the real provider's.",
      );
    if (error.code !== undefined)
      throw new AppError(
        'login-provider-error',
        `The provider ${options.issuer} answered unexpectedly: ${error.message}${cause ? ` (${cause})` : ''}.`,
        hint,
      );
  }
  throw new AppError('login-provider-error', `The provider ${options.issuer} could not be reached: ${networkReason(error)}.`, hint);
}

/** fetch reports "fetch failed" with the system error (ECONNREFUSED, ENOTFOUND, a TLS code) deeper in its causes. */
function networkReason(error: unknown): string {
  let reason = error instanceof Error ? error.message : String(error);
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    reason = typeof code === 'string' && !code.startsWith('OAUTH_') ? `${code}: ${e.message}` : e.message;
  }
  return reason;
}
