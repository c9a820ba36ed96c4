import type { Finding } from '../../../src-shared/domain/finding';
import type { MigrationReport } from '../../../src-shared/domain/report';
import type { StageCounts } from './run-stage-plan';
import type { EntityStage, MappingContext } from '../mapping/stage';
import type { MasTable } from '../mas/mas-tables';
import type { MigrationSettings } from './migration-settings';
import { ipNotice } from '../synapse/device-ip-notice';
import { noticeFindings } from '../synapse/notice-findings';

export interface ReportInput {
  settings: MigrationSettings;
  started: Date;
  masSchemaVersion: string | null;
  resumed: boolean;
  /** The stages the run migrated (SPEC §3: an older MAS lacks some tables). */
  stages: readonly EntityStage[];
  /** In the order of `stages`. */
  counts: StageCounts[];
  /** The MAS tables the run wrote, and the rows written to each. */
  tables: readonly MasTable[];
  written: Partial<Record<MasTable, number>>;
  rebuilt: { indexes: number; constraints: number };
  providersInserted: string[];
  notices: MappingContext['notices'];
  /** The checks' findings; the notices the writers found follow them. */
  findings: Finding[];
}

export function buildReport(input: ReportInput): MigrationReport {
  const rowsWritten = Object.fromEntries(input.tables.map((t) => [t, input.written[t] ?? 0]));
  return {
    dryRun: input.settings.dryRun,
    serverName: input.settings.serverName,
    masSchemaVersion: input.masSchemaVersion,
    resumed: input.resumed,
    startedAt: input.started.toISOString(),
    durationMs: Date.now() - input.started.getTime(),
    entities: input.stages.map((stage, i) => ({
      stage: stage.id,
      label: stage.label,
      migrated: input.counts[i]?.migrated ?? 0,
      skipped: input.counts[i]?.skipped ?? {},
    })),
    rowsWritten,
    indexesRebuilt: input.rebuilt.indexes,
    constraintsRebuilt: input.rebuilt.constraints,
    providersInserted: input.providersInserted,
    invalidIps: input.notices.ips.get(ipNotice.kind)?.count ?? 0,
    usersWithoutCreationTime: input.notices.nullCreationTs,
    findings: [...input.findings, ...noticeFindings([ipNotice], input.notices.ips)],
  };
}
