import type { Finding } from '../../../src-shared/domain/finding';
import type { MasConfig } from './mas-config';
import { checkSynapseAgainstMas } from './mas-checks';
import { checkMasProviderIds, checkSynapseProviderIds } from './provider-checks';
import type { SynapseConfig } from './synapse-config';
import { checkSynapseConfig } from './synapse-checks';

export interface ConfigCheckOptions {
  /** Synapse's database is given another way (a URI, a profile's override): its `database` section is not used (SPEC §2). */
  synapseDatabaseOverridden?: boolean;
}

/** The findings about Synapse's `database` section, which do not apply when it is not used. */
const synapseDatabaseSection = new Set(['synapse-db-sqlite', 'synapse-db-driver', 'synapse-db-args']);

/** Every configuration check of SPEC §2 (and provider-ID checks); the MAS side only when a MAS config is given. */
export function checkConfigs(syn: SynapseConfig, mas?: MasConfig, options: ConfigCheckOptions = {}): Finding[] {
  const findings = [...checkSynapseConfig(syn), ...checkSynapseProviderIds(syn)].filter(
    (f) => !(options.synapseDatabaseOverridden && synapseDatabaseSection.has(f.id)),
  );
  if (mas) findings.push(...checkMasProviderIds(mas), ...checkSynapseAgainstMas(syn, mas));
  return findings;
}
