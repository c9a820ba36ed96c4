import { SamlRoute } from '../../../src-shared/contract/config';
import { AppError } from '../../../src-shared/errors';
import type { CliIO } from './cli-io';
import { readSecretLine } from './secret-input';

/** `config generate`'s flags for SPEC §12 route (a), the IdP's own OpenID Connect side. */
export interface SamlIdpFlags {
  'saml-issuer'?: string | undefined;
  'saml-client-id'?: string | undefined;
  'saml-client-secret-stdin'?: boolean | undefined;
  'saml-uid-claim'?: string | undefined;
}

/** The flag each field of the SAML card's route comes from, to name it in errors. */
const flagOf: Record<string, string> = {
  issuer: '--saml-issuer',
  clientId: '--saml-client-id',
  clientSecret: '--saml-client-secret-stdin',
  uidClaim: '--saml-uid-claim',
};

/**
 * Route (a) as the Identity providers screen sends it, from the flags (the
 * client secret from standard input, like every secret on the command line),
 * checked by the same schema; undefined when no --saml-… flag is given.
 */
export async function samlIdpRoute(values: SamlIdpFlags, io: CliIO): Promise<Extract<SamlRoute, { route: 'idp' }> | undefined> {
  const withSecret = values['saml-client-secret-stdin'] === true;
  if (!values['saml-issuer'] && !values['saml-client-id'] && !values['saml-uid-claim'] && !withSecret) return undefined;
  if (withSecret && !io.stdin)
    throw new AppError('usage', 'config generate: no standard input to read the client secret from (--saml-client-secret-stdin).');
  const clientSecret = withSecret
    ? (await readSecretLine(io.stdin!, io.stderr, 'client secret', 'Client secret of MAS at the identity provider: ')).trim()
    : undefined;
  const parsed = SamlRoute.safeParse({
    route: 'idp',
    issuer: values['saml-issuer'] ?? '',
    clientId: values['saml-client-id'] ?? '',
    ...(clientSecret ? { clientSecret } : {}),
    ...(values['saml-uid-claim'] !== undefined ? { uidClaim: values['saml-uid-claim'] } : {}),
  });
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const flag = flagOf[String(issue?.path[0])] ?? '--saml-…';
    // The secret's value is never quoted back.
    const value = flag === '--saml-uid-claim' ? ` "${values['saml-uid-claim']}"` : '';
    throw new AppError('usage', `config generate: ${flag}${value} is not valid: ${issue?.message ?? 'see --help'}.`);
  }
  return parsed.data as Extract<SamlRoute, { route: 'idp' }>;
}
