import type { Finding } from '../../../src-shared/domain/finding';
import { type MasConfig, masSource } from './mas/mas-config';
import { synapseProviders } from './providers';
import { type SynapseConfig, synapseSource } from './synapse/synapse-config';

/** MAS's schema: a ULID in Crockford base32 (no I, L, O, U). */
const ulid = /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{26}$/;

/** Values seen more than once, with the index of every repeat after the first. */
function repeats<T>(values: readonly T[]): { value: T; first: number; index: number }[] {
  const firstSeen = new Map<T, number>();
  const out: { value: T; first: number; index: number }[] = [];
  values.forEach((value, index) => {
    const first = firstSeen.get(value);
    if (first === undefined) firstSeen.set(value, index);
    else out.push({ value, first, index });
  });
  return out;
}

/** Two Synapse providers with the same internal ID: their users' links cannot be told apart. */
export function checkSynapseProviderIds(syn: SynapseConfig): Finding[] {
  const providers = synapseProviders(syn);
  return repeats(providers.map((p) => p.internalId)).map(({ value, first, index }) => ({
    id: 'synapse-idp-duplicate',
    severity: 'error' as const,
    area: 'synapse-config' as const,
    message: `Two Synapse OIDC providers have the internal ID "${value}" (${synapseSource(syn, providers[first]!.keyPath)} and this one).`,
    fix: 'Give each provider in oidc_providers (and oidc_config) a distinct idp_id; keep the one your users registered with.',
    source: synapseSource(syn, [...providers[index]!.keyPath, 'idp_id']),
  }));
}

/** Synapse refuses to start when a provider has both client_secret and client_secret_path. */
export function checkSynapseProviderSecrets(syn: SynapseConfig): Finding[] {
  return synapseProviders(syn)
    .filter((p) => p.config.client_secret != null && p.config.client_secret_path != null)
    .map((p) => ({
      id: 'synapse-oidc-secret-both',
      severity: 'error' as const,
      area: 'synapse-config' as const,
      message: `Synapse OIDC provider "${p.internalId}" sets both client_secret and client_secret_path; Synapse refuses to start with both.`,
      fix: 'Keep only the one that holds the secret the identity provider expects, in homeserver.yaml, then run the checks again.',
      source: synapseSource(syn, [...p.keyPath, 'client_secret_path']),
    }));
}

/** MAS provider ids must be ULIDs and unique; each synapse_idp_id may be claimed once. */
export function checkMasProviderIds(mas: MasConfig): Finding[] {
  const providers = mas.model.upstream_oauth2?.providers ?? [];
  const at = (index: number, key: string) => masSource(mas, ['upstream_oauth2', 'providers', index, key]);
  const findings: Finding[] = [];
  providers.forEach((p, index) => {
    if (!ulid.test(p.id)) {
      findings.push({
        id: 'mas-provider-id-invalid',
        severity: 'error',
        area: 'mas-config',
        message: `MAS upstream provider id "${p.id}" is not a ULID (26 characters of 0-9 and A-Z without I, L, O, U).`,
        fix: 'Replace it with a new ULID (for example from `mas-cli` or any ULID generator); the id only needs to stay the same once MAS has used it.',
        source: at(index, 'id'),
      });
    }
  });
  for (const { value, index } of repeats(providers.map((p) => p.id))) {
    findings.push({
      id: 'mas-provider-id-duplicate',
      severity: 'error',
      area: 'mas-config',
      message: `MAS upstream provider id "${value}" is used by more than one provider.`,
      fix: 'Give each provider in upstream_oauth2.providers its own ULID.',
      source: at(index, 'id'),
    });
  }
  const idpIds = providers.map((p) => p.synapse_idp_id ?? undefined);
  for (const { value, first, index } of repeats(idpIds).filter((r) => r.value !== undefined)) {
    findings.push({
      id: 'mas-synapse-idp-duplicate',
      severity: 'error',
      area: 'mas-config',
      message: `synapse_idp_id "${value}" is used by two MAS providers (${providers[first]!.id} and ${providers[index]!.id}); the migration could not tell where its users belong.`,
      fix: 'Keep synapse_idp_id on exactly one MAS provider per Synapse provider.',
      source: at(index, 'synapse_idp_id'),
    });
  }
  return findings;
}
