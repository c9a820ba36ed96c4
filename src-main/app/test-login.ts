import { AppError } from '../../src-shared/errors';
import type { MasUpstreamProvider } from '../engine/config/mas/mas-model';
import { type LoginVerdict, loginVerdict } from '../engine/login/login-verdict';
import type { SubjectLookup } from '../engine/login/subject-links';
import { defaultSubjectTemplate, evaluateSubjectTemplate } from '../engine/login/subject-template';
import { upstreamLogin } from '../connect/oauth/upstream-login';

export interface TestLoginInput {
  /** The MAS upstream provider as the MAS config has it. */
  provider: MasUpstreamProvider;
  /** The public client registered for test logins at that provider (the generated Dex config has one). */
  clientId: string;
  /** Synapse's links before the migration, MAS's after it (engine/login/subject-links). */
  lookup: SubjectLookup;
  openUrl: (url: string) => void | Promise<void>;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/**
 * SPEC §12 "proving a login": sign in once through the provider as MAS will,
 * compute the subject with the provider's template, and say whose link it is.
 * Only the verdict leaves: the claims and tokens are dropped here.
 */
export async function testLogin(input: TestLoginInput): Promise<LoginVerdict> {
  const { provider } = input;
  if (!provider.issuer)
    throw new AppError(
      'login-provider-error',
      `MAS provider ${provider.id} has no issuer.`,
      'A test login discovers the provider from its issuer: set it in the MAS config.',
    );
  const claims = await upstreamLogin({
    issuer: provider.issuer,
    clientId: input.clientId,
    scope: provider.scope ?? 'openid',
    fetchUserinfo: provider.fetch_userinfo === true,
    openUrl: input.openUrl,
    signal: input.signal,
    timeoutMs: input.timeoutMs,
  });
  const result = evaluateSubjectTemplate(subjectTemplate(provider), claims);
  if (result.kind !== 'value') return loginVerdict(result);
  const link = await input.lookup.find(result.value);
  return loginVerdict(result, { ...link, origin: input.lookup.origin });
}

/** The provider's claims_imports.subject.template, or MAS's default. */
function subjectTemplate(provider: MasUpstreamProvider): string {
  const subject = provider.claims_imports?.subject as { template?: unknown } | null | undefined;
  return typeof subject?.template === 'string' ? subject.template : defaultSubjectTemplate;
}
