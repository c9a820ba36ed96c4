import type { GoLiveStep } from '../../../src-shared/domain/go-live';
import { probe } from '../../connect/http/http-probe';
import {
  authMetadataVerdict,
  clientApiVerdict,
  loginRoutingVerdict,
  masHealthVerdict,
  sessionVerdict,
  wantsUnstableMetadata,
} from './step-verdicts';

export interface GoLiveInput {
  /** The homeserver's client API base URL, as clients use it. */
  homeserver: URL;
  /** A MAS listener serving the health resource; the step is skipped without it. */
  mas?: URL;
  /** One of the admin's own sessions from before the migration; only ever sent to the homeserver's whoami. */
  accessToken: string;
  timeoutMs?: number;
}

const labels: Record<GoLiveStep['id'], string> = {
  'client-api': 'Homeserver client API',
  'auth-metadata': 'Authorization server named by the homeserver',
  'login-routing': 'Legacy login, logout and refresh routed to MAS',
  'mas-health': 'MAS health',
  session: 'An existing session',
};

/** `path` under `base`, keeping any path prefix the base URL has. */
function under(base: URL, path: string): URL {
  const root = new URL(base);
  if (!root.pathname.endsWith('/')) root.pathname += '/';
  return new URL(path, root);
}

/** SPEC §10 go-live check, after the cutover: each step in order, with a verdict. */
export async function goLiveCheck(input: GoLiveInput): Promise<GoLiveStep[]> {
  const get = (url: URL, bearer?: string) =>
    probe(url, { ...(bearer ? { bearer } : {}), ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}) });
  const hs = (path: string) => under(input.homeserver, path);
  const step = (id: GoLiveStep['id'], verdict: Omit<GoLiveStep, 'id' | 'label'>): GoLiveStep => ({ id, label: labels[id], ...verdict });

  const clientApi = step('client-api', clientApiVerdict(await get(hs('_matrix/client/versions'))));
  const masHealth = step('mas-health', masHealthVerdict(input.mas ? await get(under(input.mas, 'health')) : undefined));
  if (clientApi.verdict === 'fail') {
    const skipped = { verdict: 'skipped' as const, detail: 'the homeserver does not answer' };
    return [clientApi, step('auth-metadata', skipped), step('login-routing', skipped), masHealth, step('session', skipped)];
  }
  const stable = await get(hs('_matrix/client/v1/auth_metadata'));
  const unstable = wantsUnstableMetadata(stable) ? await get(hs('_matrix/client/unstable/org.matrix.msc2965/auth_metadata')) : undefined;
  return [
    clientApi,
    step('auth-metadata', authMetadataVerdict(stable, unstable)),
    step('login-routing', loginRoutingVerdict(await get(hs('_matrix/client/v3/login')))),
    masHealth,
    step('session', sessionVerdict(await get(hs('_matrix/client/v3/account/whoami'), input.accessToken))),
  ];
}
