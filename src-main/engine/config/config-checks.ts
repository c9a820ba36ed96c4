import type { ConfigLoadWarning } from '../../../src-shared/domain/config';
import type { Finding } from '../../../src-shared/domain/finding';
import type { MasConfig } from './mas/mas-config';
import { checkSynapseAgainstMas } from './mas/mas-checks';
import { checkMasProviderIds, checkSynapseProviderIds, checkSynapseProviderSecrets } from './provider-checks';
import type { SynapseConfig } from './synapse/synapse-config';
import { directoryConfigFindings } from '../directory/check-directory';
import { ldapIdpId } from '../directory/mas-ldap-provider';
import { checkSynapseConfig } from './synapse/synapse-checks';

export interface ConfigCheckOptions {
  /** Synapse's database is given another way (a URI, a profile's override): its `database` section is not used (SPEC §2). */
  synapseDatabaseOverridden?: boolean;
  /** `--ignore-missing-auth-providers`: a missing provider for the directory's links is a warning (SPEC §11). */
  ignoreMissingAuthProviders?: boolean;
}

/** The findings about Synapse's `database` section, which do not apply when it is not used. */
const synapseDatabaseSection = new Set(['synapse-db-sqlite', 'synapse-db-driver', 'synapse-db-args']);

/** What the loader skipped (as the server does), as warnings to acknowledge. */
function loadFindings(warnings: readonly ConfigLoadWarning[], area: Finding['area']): Finding[] {
  return warnings.map(({ id, message, fix, source }) => ({ id, severity: 'warning', area, message, fix, source }));
}

/** A MAS provider takes the directory's links (SPEC §11): the LDAP module is then handled. */
function hasLdapProvider(mas: MasConfig | undefined): boolean {
  return mas?.model.upstream_oauth2?.providers?.some((p) => p.synapse_idp_id === ldapIdpId) === true;
}

/** Every configuration check of SPEC §2 (and provider checks); the MAS side only when a MAS config is given. */
export function checkConfigs(syn: SynapseConfig, mas?: MasConfig, options: ConfigCheckOptions = {}): Finding[] {
  const findings = [
    ...loadFindings(syn.warnings, 'synapse-config'),
    ...checkSynapseConfig(syn, { ldapHandled: hasLdapProvider(mas) }).filter(
      (f) => !(options.synapseDatabaseOverridden && synapseDatabaseSection.has(f.id)),
    ),
    ...checkSynapseProviderIds(syn),
    ...checkSynapseProviderSecrets(syn),
    ...directoryConfigFindings(syn, mas, { ignoreMissingAuthProviders: options.ignoreMissingAuthProviders === true }),
  ];
  if (mas) findings.push(...loadFindings(mas.warnings, 'mas-config'), ...checkMasProviderIds(mas), ...checkSynapseAgainstMas(syn, mas));
  return findings;
}
