import type pg from 'pg';

export interface ProbeResult {
  count: number;
  examples: string[];
}

/**
 * One scan that sorts the rows of `from` into problem kinds: `kinds` is an
 * SQL array expression with NULL or a kind name per element (a row may have
 * several). Returns, per kind found, the count and up to 20 examples.
 */
export async function probeKinds(client: pg.Client, from: string, kinds: string, example: string): Promise<Map<string, ProbeResult>> {
  const { rows } = await client.query<{ kind: string; n: string; example: string }>(
    `SELECT kind, n, example FROM (
       SELECT kind, count(*) OVER (PARTITION BY kind) AS n, row_number() OVER (PARTITION BY kind ORDER BY example) AS i, example
       FROM (SELECT k.kind, (${example})::text AS example ${from} CROSS JOIN LATERAL unnest(${kinds}) AS k(kind)) AS matched
       WHERE kind IS NOT NULL) AS ranked
     WHERE i <= 20 ORDER BY kind, i`,
  );
  const out = new Map<string, ProbeResult>();
  for (const r of rows) {
    const found = out.get(r.kind) ?? { count: Number(r.n), examples: [] };
    found.examples.push(r.example);
    out.set(r.kind, found);
  }
  return out;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
