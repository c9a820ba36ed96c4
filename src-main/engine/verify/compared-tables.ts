import type pg from 'pg';
import { type MasTable, masTables, optionalMasTables } from '../mas/mas-tables';

/** Which of these tables exist in the connection's current schema. */
async function presentTables(client: pg.Client, names: readonly string[]): Promise<Set<string>> {
  const { rows } = await client.query<{ t: string }>(
    'SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ANY($1)',
    [names],
  );
  return new Set(rows.map((r) => r.t));
}

/**
 * What verify compares (SPEC §3, §13): every MAS table the migration writes
 * that this MAS has (an older MAS lacks user_registration_tokens, and the
 * run left it out), and whether Synapse has registration tokens at all (an
 * older Synapse has none: MAS must then hold none).
 */
export async function comparedTables(sides: {
  synapse: pg.Client;
  mas: pg.Client;
}): Promise<{ tables: MasTable[]; synapseHasTokens: boolean }> {
  const inMas = await presentTables(sides.mas, [...optionalMasTables]);
  const inSynapse = await presentTables(sides.synapse, ['registration_tokens']);
  return {
    tables: masTables.filter((t) => !optionalMasTables.has(t) || inMas.has(t)),
    synapseHasTokens: inSynapse.has('registration_tokens'),
  };
}
