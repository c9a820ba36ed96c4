import { type MigrationReport, skipReasonLabels } from '../../../src-shared/domain/report';
import { plural } from '../../../src-shared/text';
import { formatFindingsHuman } from './findings-output';

/** The final report for a person: what was migrated, what was skipped and why, and what to do next. */
export function formatReportHuman(report: MigrationReport): string {
  const lines = [
    `${report.dryRun ? 'Dry run' : 'Migration'} of ${report.serverName} finished in ${(report.durationMs / 1000).toFixed(1)}s${report.resumed ? ' (continued an interrupted run)' : ''}.`,
    `MAS database schema: ${report.masSchemaVersion ?? 'unknown'}.`,
    '',
  ];
  for (const e of report.entities) {
    const skipped = Object.entries(e.skipped);
    const total = skipped.reduce((n, [, c]) => n + c, 0);
    lines.push(`${e.label}: ${e.migrated} migrated, ${total} skipped`);
    for (const [reason, count] of skipped) lines.push(`    ${count} skipped: ${skipReasonLabels[reason] ?? reason}`);
  }
  lines.push(
    '',
    `Rows written: ${Object.entries(report.rowsWritten)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')}.`,
  );
  lines.push(`Rebuilt ${report.indexesRebuilt} indexes and ${report.constraintsRebuilt} constraints.`);
  if (report.providersInserted.length) lines.push(`Inserted upstream provider rows: ${report.providersInserted.join(', ')}.`);
  if (report.invalidIps)
    lines.push(`${plural(report.invalidIps, 'device IP address was', 'device IP addresses were')} not valid and left empty.`);
  if (report.usersWithoutCreationTime) {
    lines.push(
      `${plural(report.usersWithoutCreationTime, 'user', 'users')} had no creation time (their earliest activity, else the migration start, was used).`,
    );
  }
  // The findings without the checker's closing advice, which is about starting a migration.
  if (report.findings.length) lines.push('', formatFindingsHuman(report.findings).trimEnd().split('\n\n').slice(0, -1).join('\n\n'));
  lines.push(
    '',
    report.dryRun
      ? 'Dry run: nothing was kept in MAS (its tables were emptied again). Stop Synapse and run without --dry-run to migrate.'
      : 'Next: configure Synapse for MAS (matrix_authentication_service section), route /login, /logout and /refresh to MAS, start MAS, then start Synapse.',
  );
  return `${lines.join('\n')}\n`;
}

export function formatReportJson(report: MigrationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
