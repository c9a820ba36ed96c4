import { masSchemaSql } from './mas-schema-sql';
import { synapseSchemaSql } from './synapse-schema-sql';

/** Our own Synapse and MAS schemas (SPEC §3/§5), shared by the sandbox and the test databases. */
export const schemaSql = { synapse: synapseSchemaSql, mas: masSchemaSql } as const;
export type SchemaName = keyof typeof schemaSql;
