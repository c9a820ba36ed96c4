import type { ProgressStage } from '../../../../src-shared/domain/progress';
import type { MigrationReport } from '../../../../src-shared/domain/report';
import { formatCount, formatDuration } from '../../format';
import { skipReasonLabel, totalSkipped } from './skip-reasons';

/** Text from the data (a provider name in a finding, a reason code) kept on its line and in its table cell. */
function inline(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replaceAll('|', '\\|');
}

/** The report as Markdown, for a ticket or a change log. Holds counts and names, never a secret. */
export function reportMarkdown(report: MigrationReport, stages: readonly ProgressStage[]): string {
  const lines = [
    `# ${report.dryRun ? 'Dry run' : 'Migration'} report: ${inline(report.serverName)}`,
    '',
    `- Started: ${report.startedAt}`,
    `- Duration: ${formatDuration(report.durationMs)}`,
    `- Kind: ${report.dryRun ? 'dry run (MAS emptied at the end)' : 'real migration'}${report.resumed ? ', resumed an interrupted run' : ''}`,
    `- MAS schema version: ${inline(report.masSchemaVersion ?? 'unknown')}`,
    '',
    '## Entities',
    '',
    '| Entity | Migrated | Skipped | Reasons |',
    '|---|---:|---:|---|',
    ...report.entities.map(
      (e) =>
        `| ${e.label} | ${formatCount(e.migrated)} | ${formatCount(totalSkipped(e.skipped))} | ${
          Object.entries(e.skipped)
            .map(([code, n]) => `${inline(skipReasonLabel(code))}: ${formatCount(n)}`)
            .join('; ') || '—'
        } |`,
    ),
    '',
    '## Rows written per MAS table',
    '',
    ...Object.entries(report.rowsWritten).map(([table, n]) => `- ${table}: ${formatCount(n)}`),
    '',
    `Indexes rebuilt: ${report.indexesRebuilt}. Constraints rebuilt: ${report.constraintsRebuilt}. ` +
      `Upstream providers inserted: ${report.providersInserted.length}.`,
    `Invalid device IPs: ${formatCount(report.invalidIps)}. Users without creation time: ${formatCount(report.usersWithoutCreationTime)}.`,
  ];
  const timed = stages.filter((s) => s.durationMs !== undefined);
  if (timed.length) lines.push('', '## Duration per stage', '', ...timed.map((s) => `- ${s.label}: ${formatDuration(s.durationMs!)}`));
  if (report.findings.length)
    lines.push(
      '',
      '## Findings before the run',
      '',
      ...report.findings.map((f) => `- **${f.severity}** \`${f.id}\`: ${inline(f.message)}`),
    );
  return `${lines.join('\n')}\n`;
}
