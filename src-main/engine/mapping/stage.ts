import type { CopyRow, CopyRows } from '../../connect/postgres/copy-binary';
import type { CopyOut } from '../../connect/postgres/copy-out';
import type { MasTable } from '../mas/mas-tables';
import type { OptionalSynapseTable } from '../synapse/synapse-optional-tables';
import type { SynapseTable } from '../synapse/synapse-tables';
import type { IdMinter } from '../mas/ulid-ids';
import type { DirectoryLinker } from './directory-linker';
import type { TapColumns, UserMergeTap } from './user-merge-tap';
import { ProblemTally } from '../synapse/problem-tally';

/** What every row mapping needs besides the row. */
export interface MappingContext {
  ids: IdMinter;
  /** Migration start (ms): the fallback for unknown creation times (SPEC §5). */
  startMs: number;
  /** `:server_name` as bytes: what a local user ID ends with. */
  userIdSuffix: Uint8Array;
  /** Synapse internal provider ID → MAS upstream provider uuid (16 bytes). */
  providerUuids: ReadonlyMap<string, Uint8Array>;
  notices: MappingNotices;
  /** SPEC §11: the directory's links, when Synapse has the LDAP module and MAS the provider for it. */
  directoryLinks?: DirectoryLinker;
  /** migrate --verify: what sees the user merge's rows go by (user-merge-tap.ts). */
  tap?: UserMergeTap;
}

/** What the rows lose as they are mapped (the report's notices): the devices' IPs dropped (device-ip-notice.ts), the users without creation time. */
export interface MappingNotices {
  ips: ProblemTally;
  nullCreationTs: number;
}

export const noNotices = (): MappingNotices => ({ ips: new ProblemTally(), nullCreationTs: 0 });

/** One entity stage of SPEC §6: Synapse rows of one kind, each migrated into rows of one or more MAS tables, or skipped. */
export interface EntityStage {
  id: EntityStageId;
  label: string;
  /** The Synapse table whose planner estimate is this stage's expected total. */
  source: SynapseTable | OptionalSynapseTable;
  outputs: readonly MasTable[];
}

/** A stage whose rows come from a query of its own, one row of it at a time (the registration tokens). */
export interface RowStage extends EntityStage {
  /** Appends rows to `out[i]` for `outputs[i]`; returns why the row was skipped, or undefined when migrated. */
  map(row: CopyRow, out: readonly CopyRows[], ctx: MappingContext): string | undefined;
  /** The SELECT to stream. */
  sql(q: SqlContext): string;
}

/** What the SQL of a stage depends on. */
export interface SqlContext {
  /** The SQL literal of `:server_name`. */
  serverSuffix: string;
  /** `ORDER BY` these text columns in byte order (the merges compare bytes). */
  orderBy(...columns: string[]): string;
  /** The columns the tap (MappingContext.tap) adds to the user merge's streams. */
  tapColumns?: TapColumns;
}

/** Where a plan's stages put their rows and counts (the runner flushes them to the writers). */
export interface StageOutput {
  /** `out[s][i]`: the rows of stage `s` for its `outputs[i]`. */
  readonly out: readonly (readonly CopyRows[])[];
  /** One Synapse row of stage `s`: migrated (no reason), or skipped for `reason`. */
  count(s: number, reason: string | null | undefined): void;
  /** Call between batches of rows: a promise to wait for when rows must go to the writers first (backpressure). */
  between(): Promise<void> | undefined;
}

/**
 * The unit the runner streams concurrently with the others: some stages,
 * the SELECTs that feed them (each on its own reader at the run's snapshot),
 * and how their rows are read.
 */
export interface StagePlan {
  stages: readonly EntityStage[];
  selects(q: SqlContext): string[];
  /** Reads every COPY of `selects` to its end, mapping and counting each Synapse row. */
  read(copies: CopyOut[], output: StageOutput, ctx: MappingContext): Promise<void>;
}

/** A row stage's plan: its one query, each row mapped as it comes. */
export function rowStagePlan(stage: RowStage): StagePlan {
  return {
    stages: [stage],
    selects: (q) => [stage.sql(q)],
    async read([copy], output, ctx) {
      const out = output.out[0]!;
      for (;;) {
        while (copy!.next()) output.count(0, stage.map(copy!.row, out, ctx));
        await output.between();
        if (!(await copy!.more())) return;
      }
    },
  };
}

export const entityStageIds = [
  'users',
  'threepids',
  'external-ids',
  'access-tokens',
  'refresh-pairs',
  'devices',
  'registration-tokens',
] as const;
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
