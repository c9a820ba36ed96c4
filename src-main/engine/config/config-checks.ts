import type { Finding } from '../../../src-shared/domain/finding';
import type { MasConfig } from './mas-config';
import { checkSynapseAgainstMas } from './mas-checks';
import { checkMasProviderIds, checkSynapseProviderIds } from './provider-checks';
import type { SynapseConfig } from './synapse-config';
import { checkSynapseConfig } from './synapse-checks';

/** Every configuration check of SPEC §2 (and provider-ID checks); the MAS side only when a MAS config is given. */
export function checkConfigs(syn: SynapseConfig, mas?: MasConfig): Finding[] {
  const findings = [...checkSynapseConfig(syn), ...checkSynapseProviderIds(syn)];
  if (mas) findings.push(...checkMasProviderIds(mas), ...checkSynapseAgainstMas(syn, mas));
  return findings;
}
