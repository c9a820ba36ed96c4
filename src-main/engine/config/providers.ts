import type { MasProviderView, ProviderPair, SynapseProviderView } from '../../../src-shared/domain/config';
import type { MasConfig } from './mas/mas-config';
import { masSource } from './mas/mas-config';
import type { MasUpstreamProvider } from './mas/mas-model';
import type { SynapseConfig } from './synapse/synapse-config';
import { synapseSource } from './synapse/synapse-config';
import type { SynapseOidcProvider } from './synapse/synapse-model';
import type { KeyPath } from './yaml/yaml-files';

/** A configured Synapse OIDC provider with the internal ID its users' external IDs carry. */
export interface SynapseProvider {
  internalId: string;
  legacy: boolean;
  config: SynapseOidcProvider;
  keyPath: KeyPath;
}

/**
 * SPEC §1.2: legacy `oidc_config` counts only with both issuer and client_id,
 * under its idp_id or `oidc`; each `oidc_providers` entry is `oidc` when its
 * idp_id is absent or exactly `oidc`, otherwise `oidc-<idp_id>`.
 */
export function synapseProviders(cfg: SynapseConfig): SynapseProvider[] {
  const out: SynapseProvider[] = [];
  const legacy = cfg.model.oidc_config;
  if (legacy?.issuer && legacy.client_id) {
    out.push({ internalId: legacy.idp_id ?? 'oidc', legacy: true, config: legacy, keyPath: ['oidc_config'] });
  }
  (cfg.model.oidc_providers ?? []).forEach((config, index) => {
    const internalId = config.idp_id == null || config.idp_id === 'oidc' ? 'oidc' : `oidc-${config.idp_id}`;
    out.push({ internalId, legacy: false, config, keyPath: ['oidc_providers', index] });
  });
  return out;
}

export function synapseProviderView(cfg: SynapseConfig, p: SynapseProvider): SynapseProviderView {
  return {
    internalId: p.internalId,
    idpId: p.config.idp_id ?? null,
    name: p.config.idp_name ?? null,
    issuer: p.config.issuer ?? null,
    clientId: p.config.client_id ?? null,
    legacy: p.legacy,
    source: synapseSource(cfg, p.keyPath),
  };
}

export function masProviderView(cfg: MasConfig, p: MasUpstreamProvider, index: number): MasProviderView {
  return {
    id: p.id,
    synapseIdpId: p.synapse_idp_id ?? null,
    humanName: p.human_name ?? null,
    issuer: p.issuer ?? null,
    clientId: p.client_id ?? null,
    enabled: p.enabled !== false,
    source: masSource(cfg, ['upstream_oauth2', 'providers', index]),
  };
}

/** What an admin should look at in a pair whose sides disagree. */
function pairProblems(syn: SynapseProviderView, mas: MasProviderView): string[] {
  const problems: string[] = [];
  if (!mas.enabled) problems.push('the MAS provider is disabled (enabled: false): its users cannot log in');
  if (syn.issuer && mas.issuer && syn.issuer.replace(/\/$/, '') !== mas.issuer.replace(/\/$/, '')) {
    problems.push(`issuer differs: Synapse ${syn.issuer}, MAS ${mas.issuer}`);
  }
  if (!mas.issuer) problems.push('the MAS provider has no issuer');
  if (syn.clientId && mas.clientId && syn.clientId !== mas.clientId)
    problems.push(`client_id differs: Synapse ${syn.clientId}, MAS ${mas.clientId}`);
  return problems;
}

/**
 * Pairs Synapse providers with MAS providers by `synapse_idp_id` (SPEC §1.2),
 * listing gaps both ways: what the Identity providers screen shows.
 */
export function pairProviders(syn: SynapseConfig, mas: MasConfig | undefined): ProviderPair[] {
  const masViews = (mas?.model.upstream_oauth2?.providers ?? []).map((p, i) => masProviderView(mas!, p, i));
  const used = new Set<MasProviderView>();
  const pairs: ProviderPair[] = synapseProviders(syn).map((p) => {
    const synView = synapseProviderView(syn, p);
    const match = masViews.find((m) => m.synapseIdpId === p.internalId);
    if (!match) {
      return { status: 'missing-in-mas', synapse: synView, mas: null, problems: [`no MAS provider has synapse_idp_id: ${p.internalId}`] };
    }
    used.add(match);
    return { status: 'paired', synapse: synView, mas: match, problems: pairProblems(synView, match) };
  });
  for (const m of masViews.filter((v) => !used.has(v))) {
    const taken = [...used].find((u) => u.synapseIdpId === m.synapseIdpId);
    const problem = taken
      ? `synapse_idp_id ${m.synapseIdpId} is already used by MAS provider ${taken.id}`
      : `no Synapse OIDC provider has the internal ID ${m.synapseIdpId}`;
    pairs.push(
      m.synapseIdpId === null
        ? { status: 'mas-only', synapse: null, mas: m, problems: [] }
        : { status: 'unknown-to-synapse', synapse: null, mas: m, problems: [problem] },
    );
  }
  return pairs;
}
