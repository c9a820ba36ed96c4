import type { DatabaseConnector } from '../../src-main/connect/postgres/pg-helpers';
import { connect } from '../../src-main/connect/postgres/pg-helpers';
import type { SynapseLockMode } from '../../src-main/engine/synapse/lock-synapse-table';
import { SynapseSnapshot } from '../../src-main/engine/synapse/synapse-snapshot';
import type { OptionalSynapseTable } from '../../src-main/engine/synapse/synapse-optional-tables';

/** A snapshot on a connection of its own (a run opens it on the connection that inspected the schema). */
export async function openSynapseSnapshot(
  database: DatabaseConnector,
  lockMode: SynapseLockMode,
  optionalTables: readonly OptionalSynapseTable[],
  signal?: AbortSignal,
): Promise<SynapseSnapshot> {
  return SynapseSnapshot.on(await connect('Synapse', database, 'reader'), database, lockMode, optionalTables, signal);
}
