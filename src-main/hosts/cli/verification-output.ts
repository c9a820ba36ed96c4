import type { TableVerification, VerificationDifference, VerificationResult } from '../../../src-shared/domain/verification';
import { verificationExitCode } from '../../../src-shared/domain/verification';
import { differenceLabel, examplesText, migrationStartNote } from '../../../src-shared/domain/verification-text';

function differenceLine(d: VerificationDifference): string {
  const examples = examplesText(d);
  return `      ${differenceLabel(d)}${examples ? `: ${examples}` : ''}`;
}

function tableLines(t: TableVerification, width: number): string[] {
  const counts = `${t.expected} expected, ${t.found} found, ${t.matching} matching`;
  return [`  ${t.table.padEnd(width)}  ${counts}`, ...t.differences.map(differenceLine)];
}

/** The verification for a person: one line per table, each kind of difference with examples named by user and device. */
export function formatVerificationHuman(result: VerificationResult): string {
  if (result.outcome === 'cannot-compare') {
    const { message = 'unknown reason', hint } = result.problem ?? {};
    return `Verification of ${result.serverName}: could not compare. ${message}${hint ? `\n    ${hint}` : ''}\n`;
  }
  const width = Math.max(...result.tables.map((t) => t.table.length));
  const rows = result.tables.reduce((n, t) => n + t.expected, 0);
  const headline =
    result.outcome === 'match'
      ? `Verification of ${result.serverName}: MAS holds exactly what Synapse says it must (${rows} rows in ${result.tables.length} tables, ${(result.durationMs / 1000).toFixed(1)}s).`
      : `Verification of ${result.serverName}: MAS differs from what Synapse says it must hold.`;
  const lines = [headline, ...result.tables.flatMap((t) => tableLines(t, width))];
  const start = migrationStartNote(result);
  if (start) lines.push(start);
  return `${lines.join('\n')}\n`;
}

/** For scripts: the result with the exit code it implies. */
export function formatVerificationJson(result: VerificationResult): string {
  return `${JSON.stringify({ exitCode: verificationExitCode(result), ...result }, null, 2)}\n`;
}
