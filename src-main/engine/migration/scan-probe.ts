import type pg from 'pg';

export interface ProbeResult {
  count: number;
  examples: string[];
}

/** Counts the rows of `fromWhere` and returns up to 20 examples (one scan: the count is a window over the whole match). */
export async function probe(client: pg.Client, fromWhere: string, example: string): Promise<ProbeResult> {
  const { rows } = await client.query<{ n: string; example: string }>(`SELECT count(*) OVER () AS n, (${example})::text AS example ${fromWhere} LIMIT 20`);
  return { count: rows.length ? Number(rows[0]!.n) : 0, examples: rows.map((r) => r.example) };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
