import type pg from 'pg';

export interface ProbeResult {
  count: number;
  examples: string[];
}

/** A problem kind: `when` is SQL that is true for the rows that have it. */
export interface ProbeKind {
  kind: string;
  when: string;
}

/**
 * One scan of `from` counting each kind (plain FILTER aggregates: no row is
 * copied, sorted or unnested), then, only for the kinds found, up to 20
 * examples each, in order. A clean table costs one pass.
 */
export async function probeKinds(
  client: pg.Client,
  from: string,
  kinds: readonly ProbeKind[],
  example: string,
): Promise<Map<string, ProbeResult>> {
  const { rows } = await client.query<Record<string, string>>(
    `SELECT ${kinds.map((k, i) => `count(*) FILTER (WHERE ${k.when}) AS n${i}`).join(', ')} ${from}`,
  );
  const out = new Map<string, ProbeResult>();
  for (const [i, k] of kinds.entries()) {
    const count = Number(rows[0]![`n${i}`]);
    if (count === 0) continue;
    const found = await client.query<{ example: string }>(
      `SELECT (${example})::text AS example ${from} WHERE ${k.when} ORDER BY 1 LIMIT 20`,
    );
    out.set(k.kind, { count, examples: found.rows.map((r) => r.example) });
  }
  return out;
}
