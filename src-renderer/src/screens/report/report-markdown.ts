import type { ProgressStage } from '../../../../src-shared/domain/progress';
import type { MigrationReport } from '../../../../src-shared/domain/report';
import type { VerificationResult } from '../../../../src-shared/domain/verification';
import { formatCount, formatDuration } from '../../format';
import type { VerificationOrigin } from '../../store/verification-state';
import { skipReasonLabel, totalSkipped } from './skip-reasons';
import { differenceLabel, examplesText, migrationStartNote } from '../../../../src-shared/domain/verification-text';
import { originLabel, verificationVerdict } from './verification-text';

/** Text from the data (a provider name in a finding, a reason code) kept on its line and in its table cell. */
function inline(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replaceAll('|', '\\|');
}

/** The verification shown with the report: verdict, where it comes from, one line per table and per kind of difference. */
function verificationLines({ result, origin }: { result: VerificationResult; origin: VerificationOrigin }): string[] {
  const lines = ['', '## Verification', '', `**${inline(verificationVerdict(result).title)}**`, '', originLabel(origin, result.verifiedAt)];
  if (result.problem?.hint) lines.push('', inline(result.problem.hint));
  if (result.tables.length) {
    lines.push('', '| MAS table | Expected | Found | Matching | Differences |', '|---|---:|---:|---:|---|');
    for (const t of result.tables) {
      const differences = t.differences.map((d) => [differenceLabel(d), examplesText(d)].filter(Boolean).join(': '));
      lines.push(
        `| ${t.table} | ${formatCount(t.expected)} | ${formatCount(t.found)} | ${formatCount(t.matching)} | ${inline(differences.join('; ') || '—')} |`,
      );
    }
  }
  const start = migrationStartNote(result);
  if (start) lines.push('', start);
  return lines;
}

/**
 * The report as Markdown, for a ticket or a change log, with the verification
 * shown beside it (the run's own, or "Verify MAS" after it). Holds counts and names, never a secret.
 */
export function reportMarkdown(
  report: MigrationReport,
  stages: readonly ProgressStage[],
  verification?: { result: VerificationResult; origin: VerificationOrigin },
): string {
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
  if (verification) lines.push(...verificationLines(verification));
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
