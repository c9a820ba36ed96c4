import { checkSamlIdpRoute, type SamlIdpFields } from '../../app/bridge-configs';
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

/** What route (a)'s errors call its inputs on the command line. */
export const samlIdpFlagNames: SamlIdpFields = { issuer: '--saml-issuer', clientId: '--saml-client-id' };

/** The flag each field of the SAML card's route comes from, to name it in errors. */
const flagOf: Record<string, string> = { ...samlIdpFlagNames, uidClaim: '--saml-uid-claim' };

type SamlIdpRoute = Extract<SamlRoute, { route: 'idp' }>;

/**
 * Route (a) as the Identity providers screen sends it, from the flags,
 * checked by the same schema and rules before anything is read or asked;
 * undefined when no --saml-… flag is given. The route comes from the
 * function returned, which reads the client secret from standard input (like
 * every secret on the command line) when --saml-client-secret-stdin asks for it.
 */
export function samlIdpRoute(values: SamlIdpFlags, io: CliIO): (() => Promise<SamlIdpRoute>) | undefined {
  const withSecret = values['saml-client-secret-stdin'] === true;
  if (!values['saml-issuer'] && !values['saml-client-id'] && !values['saml-uid-claim'] && !withSecret) return undefined;
  const parsed = SamlRoute.safeParse({
    route: 'idp',
    issuer: values['saml-issuer'] ?? '',
    clientId: values['saml-client-id'] ?? '',
    ...(values['saml-uid-claim'] !== undefined ? { uidClaim: values['saml-uid-claim'] } : {}),
  });
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const flag = flagOf[String(issue?.path[0])] ?? '--saml-…';
    const value = flag === '--saml-uid-claim' ? ` "${values['saml-uid-claim']}"` : '';
    throw new AppError('usage', `config generate: ${flag}${value} is not valid: ${issue?.message ?? 'see --help'}.`);
  }
  const route = parsed.data as SamlIdpRoute;
  checkSamlIdpRoute(route, samlIdpFlagNames);
  if (withSecret && !io.stdin)
    throw new AppError('usage', 'config generate: no standard input to read the client secret from (--saml-client-secret-stdin).');
  return async () => {
    if (!withSecret) return route;
    const line = await readSecretLine(io.stdin!, io.stderr, 'client secret', 'Client secret of MAS at the identity provider: ');
    return { ...route, clientSecret: line.trim() };
  };
}
