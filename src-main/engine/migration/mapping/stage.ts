import type { MasTable } from '../mas-tables';
import type { SynapseTable } from '../synapse-tables';
import type { IdMinter } from '../ulid-ids';

/** What every row mapping needs besides the row. */
export interface MappingContext {
  ids: IdMinter;
  /** Migration start (ms): the fallback for unknown creation times (SPEC §5). */
  startMs: number;
  /** Synapse internal provider ID → MAS upstream provider uuid. */
  providerUuids: ReadonlyMap<string, string>;
  notices: { invalidIps: number; nullCreationTs: number };
}

/** Synapse's COPY output for one row: COPY-escaped text or NULL per selected column (see splitCopyLine). */
export type SourceRow = (string | null)[];

/**
 * One entity stage of SPEC §6: a single Synapse query whose rows carry their
 * user's facts (joined on the Synapse side), mapped row by row into lines
 * for one or more MAS tables.
 */
export interface EntityStage {
  id: EntityStageId;
  label: string;
  /** The Synapse table whose planner estimate is this stage's expected total. */
  source: SynapseTable;
  outputs: readonly MasTable[];
  /** The SELECT to stream; `serverSuffix` is the SQL literal of `:server_name`. */
  sql(serverSuffix: string): string;
  /** Appends COPY lines to `out[i]` for `outputs[i]`; returns why the row was skipped, or undefined when migrated. */
  map(row: SourceRow, out: string[][], ctx: MappingContext): string | undefined;
}

export const entityStageIds = ['users', 'threepids', 'external-ids', 'access-tokens', 'refresh-pairs', 'devices'] as const;
export type EntityStageId = (typeof entityStageIds)[number];

export { isoTimestamp as iso } from './timestamp-text';

/** The latest instant both a ULID and PostgreSQL's ISO input take here: the end of year 9999. */
const maxMs = 253402300799999;

/**
 * A Synapse millisecond timestamp, or null when absent or outside 1970–9999
 * (e.g. a "never expires" sentinel like 2^63-1): callers then use their fallback.
 */
export function num(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const ms = Number(value);
  return Number.isFinite(ms) && ms >= 0 && ms <= maxMs ? ms : null;
}

export function userUuid(ctx: MappingContext, name: string, createdMs: string | null | undefined): string {
  return ctx.ids.uuid('user', name, num(createdMs) ?? ctx.startMs);
}

/** A device session's id: every token of the device computes the same one from (user, device). */
export function deviceSessionUuid(ctx: MappingContext, userId: string, deviceId: string, firstTokenMs: string | null | undefined): string {
  return ctx.ids.uuid('device-session', `${userId}\0${deviceId}`, num(firstTokenMs) ?? ctx.startMs);
}
