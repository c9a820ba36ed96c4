import type { MasProviderSettings } from '../run/migration-settings';
import { ulidToUuid } from '../mas/ulid-ids';

/** Synapse auth_provider → the uuid of the MAS provider that takes it over (its synapse_idp_id), from the MAS config. */
export function providerUuids(providers: readonly MasProviderSettings[]): Map<string, string> {
  return new Map(providers.flatMap((p) => (p.synapseIdpId === undefined ? [] : [[p.synapseIdpId, ulidToUuid(p.id)] as const])));
}
