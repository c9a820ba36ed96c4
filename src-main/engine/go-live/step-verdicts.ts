import type { GoLiveStep } from '../../../src-shared/domain/go-live';
import type { HttpAnswer, HttpFailure, ProbeResult } from '../../connect/http/http-probe';

/**
 * The verdict of each go-live step (SPEC §10) from what the servers
 * answered, as the Matrix specification and MAS's documentation say a
 * correct deployment answers, with the likely cause when it does not.
 */

type Step = Omit<GoLiveStep, 'id' | 'label'>;

const pass = (detail: string): Step => ({ verdict: 'pass', detail });
const fail = (detail: string, likelyCause: string): Step => ({ verdict: 'fail', detail, likelyCause });

function record(json: unknown): Record<string, unknown> {
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
}

/** "HTTP 404 (M_UNRECOGNIZED)" */
function answered(answer: HttpAnswer): string {
  const errcode = record(answer.json).errcode;
  return `HTTP ${answer.status}${typeof errcode === 'string' ? ` (${errcode})` : ''}`;
}

function unreachable(failure: HttpFailure, what: string): Step {
  const causes: Record<HttpFailure['kind'], string> = {
    unreachable: `Nothing answers there: check the URL, DNS and firewall, and that ${what} is running.`,
    timeout: `${what} or the reverse proxy in front of it does not answer in time.`,
    tls: 'The TLS certificate is not trusted from this workstation (expired, self-signed, or for another name).',
  };
  return fail(`no answer: ${failure.message}`, causes[failure.kind]);
}

/** GET /_matrix/client/versions: the homeserver's client API answers. */
export function clientApiVerdict(result: ProbeResult): Step {
  if (result.failure) return unreachable(result.failure, 'the reverse proxy (and Synapse behind it)');
  const versions = record(result.answer.json).versions;
  if (result.answer.status === 200 && Array.isArray(versions) && versions.every((v) => typeof v === 'string')) {
    return pass(`the client API answers (Matrix ${versions.at(-1) ?? 'versions unknown'})`);
  }
  return fail(
    `${answered(result.answer)} instead of the list of Matrix versions`,
    'Something other than the homeserver answers at this URL: give the client API base URL (as in .well-known/matrix/client), and check that the reverse proxy routes /_matrix to Synapse.',
  );
}

const notDelegating =
  'Synapse does not delegate authentication to MAS: it was not restarted with the matrix_authentication_service section (enabled: true), or it is older than 1.136.0, which MAS requires.';

/**
 * GET /_matrix/client/v1/auth_metadata (Matrix 1.15), else the unstable
 * MSC2965 path of older servers: the homeserver names MAS's issuer.
 */
export function authMetadataVerdict(stable: ProbeResult, unstable: ProbeResult | undefined): Step {
  for (const [result, path] of [
    [stable, 'v1/auth_metadata'],
    [unstable, 'the unstable MSC2965 auth_metadata'],
  ] as const) {
    if (!result) continue;
    if (result.failure) return unreachable(result.failure, 'the homeserver');
    const issuer = record(result.answer.json).issuer;
    if (result.answer.status === 200 && typeof issuer === 'string' && issuer !== '') return pass(`names the issuer ${issuer} (${path})`);
    if (result.answer.status === 200) return fail(`${path} answers without an issuer`, notDelegating);
  }
  return fail(`${answered((unstable ?? stable).answer!)} for the authorization server metadata`, notDelegating);
}

/** Whether the stable auth_metadata answer means "not here, try the unstable path". */
export function wantsUnstableMetadata(stable: ProbeResult): boolean {
  return stable.answer !== undefined && stable.answer.status !== 200 && stable.answer.status < 500;
}

/**
 * GET /_matrix/client/v3/login: MAS's compatibility layer lists an
 * m.login.sso flow marked delegated_oidc_compatibility (MSC3824); Synapse's
 * own answer does not.
 */
export function loginRoutingVerdict(result: ProbeResult): Step {
  if (result.failure) return unreachable(result.failure, 'the homeserver');
  const notRouted =
    'The reverse proxy does not route /_matrix/client/*/login, /logout and /refresh to MAS: existing clients cannot log in or refresh their sessions.';
  const flows = record(result.answer.json).flows;
  if (result.answer.status !== 200 || !Array.isArray(flows)) return fail(`${answered(result.answer)} for the login flows`, notRouted);
  const delegated = flows.some((flow) => {
    const f = record(flow);
    return (
      f.type === 'm.login.sso' && (f.delegated_oidc_compatibility === true || f['org.matrix.msc3824.delegated_oidc_compatibility'] === true)
    );
  });
  return delegated
    ? pass("legacy login is answered by MAS's compatibility layer")
    : fail('the login flows come from Synapse itself (no SSO flow delegated to MAS)', notRouted);
}

/** GET <mas>/health: MAS answers on a listener that serves the health resource. */
export function masHealthVerdict(result: ProbeResult | undefined): Step {
  if (!result) {
    return {
      verdict: 'skipped',
      detail:
        "give --mas with the URL of a MAS listener that serves the health resource (MAS's default: the internal listener, http://localhost:8081/)",
    };
  }
  if (result.failure) return unreachable(result.failure, 'MAS');
  if (result.answer.status >= 200 && result.answer.status < 300) return pass(`MAS answers its health check (HTTP ${result.answer.status})`);
  return fail(
    `${answered(result.answer)} from /health`,
    result.answer.status === 404
      ? 'This MAS listener does not serve the health resource (by default only the internal listener does): give --mas that listener, or add { name: health } to the resources of this one.'
      : 'MAS is running but reports a problem: read its log (for example its database connection).',
  );
}

/** GET /_matrix/client/v3/account/whoami with the admin's token: the session from before the migration still works. */
export function sessionVerdict(result: ProbeResult): Step {
  if (result.failure) return unreachable(result.failure, 'the homeserver');
  const { status } = result.answer;
  const body = record(result.answer.json);
  if (status === 200 && typeof body.user_id === 'string') {
    const device = typeof body.device_id === 'string' ? ` on device ${body.device_id}` : ' (no device)';
    return pass(`the token is ${body.user_id}'s${device}: sessions from before the migration work`);
  }
  if (status >= 300 && status < 400) {
    return fail(
      `HTTP ${status}: the homeserver redirects${result.answer.location ? ` to ${result.answer.location}` : ''}; the token was not sent on`,
      'Give the final client API URL (https, no redirect) as --homeserver.',
    );
  }
  if (status === 401) {
    return fail(
      `${answered(result.answer)}: the homeserver does not accept the token`,
      "MAS does not know this token: it was not migrated (run syn2mas verify), the session was logged out, or Synapse and MAS do not share the secret (Synapse's matrix_authentication_service.secret must equal MAS's matrix.secret).",
    );
  }
  return fail(
    `${answered(result.answer)} for whoami`,
    "Synapse could not ask MAS about the token: check that matrix_authentication_service.endpoint reaches MAS from Synapse's host and that its secret equals MAS's matrix.secret.",
  );
}
