import { parse } from 'yaml';
import type { Finding } from '../../../../src-shared/domain/finding';

/** A MAS upstream provider as the draft (redacted) holds it. */
export interface DraftProvider {
  index: number;
  id: string;
  synapseIdpId: string | undefined;
  humanName: string | undefined;
  issuer: string | undefined;
  raw: Record<string, unknown>;
}

/** The upstream providers of a MAS config text, in file order (their index is their edit path). */
export function draftProviders(preview: string): DraftProvider[] {
  const config = (parse(preview) ?? {}) as { upstream_oauth2?: { providers?: Record<string, unknown>[] } };
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return (config.upstream_oauth2?.providers ?? []).map((raw, index) => ({
    index,
    id: str(raw.id) ?? '',
    synapseIdpId: str(raw.synapse_idp_id),
    humanName: str(raw.human_name),
    issuer: str(raw.issuer),
    raw,
  }));
}

/** Users per Synapse auth_provider, as far as the database checks reported them. */
export function usersByProvider(findings: readonly Finding[] | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings ?? []) {
    const provider = /^user_external_ids\.auth_provider = '(.*)'$/.exec(f.source ?? '')?.[1];
    if (provider !== undefined && f.count !== undefined) counts.set(provider, f.count);
  }
  return counts;
}
