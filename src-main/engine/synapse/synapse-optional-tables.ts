import type pg from 'pg';
import type { optionalSynapseTables } from '../../../src-shared/domain/migration-tables';

export type OptionalSynapseTable = (typeof optionalSynapseTables)[number];

/** Whether this Synapse has a table an older Synapse lacks (SPEC §13). */
export async function hasSynapseTable(client: pg.Client, table: OptionalSynapseTable): Promise<boolean> {
  const { rows } = await client.query<{ present: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_class WHERE relname = $1 AND relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p')) AS present`,
    [table],
  );
  return rows[0]!.present;
}

/** The columns the migration reads of each (SPEC §13). */
export const optionalSynapseTableColumns: Record<OptionalSynapseTable, readonly string[]> = {
  registration_tokens: ['token', 'uses_allowed', 'completed', 'expiry_time'],
};
