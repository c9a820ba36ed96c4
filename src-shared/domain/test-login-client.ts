/**
 * The public OAuth client the app signs in with to prove a login (SPEC §12):
 * no secret, PKCE S256, a loopback redirect on an ephemeral port (RFC 8252
 * §7.3). The generated Dex configuration registers it; for any other
 * provider the admin registers it by hand, as `testLoginRegistration` says.
 */
export const testLoginClientId = 'mas-migrator-test-login';

export const testLoginRedirectUri = 'http://127.0.0.1/callback';

/**
 * The client as every generated Dex configuration lists it in staticClients:
 * Dex lets a public client redirect to any loopback port (dexidp/dex#469).
 */
export const testLoginDexClient = { id: testLoginClientId, name: 'MAS Migrator test login', public: true } as const;

/** What to register at a provider that is not the generated Dex, in one sentence. */
export function testLoginRegistration(issuer: string, scope: string): string {
  return `At ${issuer}, register a public client (no secret; "native" where the provider asks the application type) with the client ID ${testLoginClientId} or one of your choosing, the redirect URI ${testLoginRedirectUri} with any port (RFC 8252 §7.3 loopback), the authorization code grant with PKCE (S256) and the scopes ${scope}.`;
}
