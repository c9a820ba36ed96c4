import { parse } from 'yaml';

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
