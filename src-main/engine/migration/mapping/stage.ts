import type { CopyRow, CopyRows } from '../copy-binary';
import type { MasTable } from '../mas-tables';
import type { SynapseTable } from '../synapse-tables';
import type { IdMinter } from '../ulid-ids';

/** What every row mapping needs besides the row. */
export interface MappingContext {
  ids: IdMinter;
  /** Migration start (ms): the fallback for unknown creation times (SPEC §5). */
  startMs: number;
  /** Synapse internal provider ID → MAS upstream provider uuid (16 bytes). */
  providerUuids: ReadonlyMap<string, Uint8Array>;
  notices: { invalidIps: number; nullCreationTs: number };
}

/**
 * One entity stage of SPEC §6: rows of a Synapse query that carry their
 * user's facts (joined on the Synapse side), mapped row by row into rows of
 * one or more MAS tables.
 */
export interface EntityStage {
  id: EntityStageId;
  label: string;
  /** The Synapse table whose planner estimate is this stage's expected total. */
  source: SynapseTable;
  outputs: readonly MasTable[];
  /** Appends rows to `out[i]` for `outputs[i]`; returns why the row was skipped, or undefined when migrated. */
  map(row: CopyRow, out: readonly CopyRows[], ctx: MappingContext): string | undefined;
}

/**
 * One Synapse query streamed (binary COPY) to one or more stages. Column 0
 * of each row is the index in `stages` of the stage it belongs to; the
 * stage reads the columns after it. Stages that need the same expensive
 * joins share a query, so PostgreSQL computes them once.
 */
export interface StageQuery {
  stages: readonly EntityStage[];
  /** The SELECT to stream; `serverSuffix` is the SQL literal of `:server_name`. */
  sql(serverSuffix: string): string;
}

export const entityStageIds = ['users', 'threepids', 'external-ids', 'access-tokens', 'refresh-pairs', 'devices'] as const;
export type EntityStageId = (typeof entityStageIds)[number];

/** The latest instant both a ULID and PostgreSQL's timestamps take here: the end of year 9999. */
const maxMs = 253402300799999;

/**
 * A Synapse millisecond timestamp, or null when absent or outside 1970–9999
 * (e.g. a "never expires" sentinel like 2^63-1): callers then use their fallback.
 */
export function msOrNull(value: number | null): number | null {
  return value !== null && value >= 0 && value <= maxMs ? value : null;
}

/** Scratch space for ids a row needs at once (one row is mapped at a time). */
export const idScratch = [new Uint8Array(16), new Uint8Array(16), new Uint8Array(16)] as const;
