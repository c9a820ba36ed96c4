import type { TableVerification, VerificationDifference, VerificationResult } from '../../../src-shared/domain/verification';
import { verificationExitCode } from '../../../src-shared/domain/verification';

const what: Record<Exclude<VerificationDifference['kind'], 'field'>, string> = {
  missing: 'missing in MAS',
  unexpected: 'in MAS but not accounted for by Synapse',
};

function differenceLine(d: VerificationDifference): string {
  const examples = d.examples.map((e) => [e.userId ?? '(no user)', e.deviceId].filter(Boolean).join(' '));
  const more = d.count > examples.length ? ', …' : '';
  const one = d.count === 1;
  const label = d.kind === 'field' ? `${one ? 'differs' : 'differ'} in ${d.field}` : what[d.kind];
  return `      ${d.count} ${one ? 'row' : 'rows'} ${label}${examples.length ? `: ${examples.join(', ')}${more}` : ''}`;
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
  if (result.migrationStart) {
    const from = result.migrationStart.source === 'run' ? "the run's own start" : 'inferred from the first such row in MAS';
    lines.push(`Rows whose time Synapse does not know were held to the migration start, ${result.migrationStart.at} (${from}).`);
  }
  return `${lines.join('\n')}\n`;
}

/** For scripts: the result with the exit code it implies. */
export function formatVerificationJson(result: VerificationResult): string {
  return `${JSON.stringify({ exitCode: verificationExitCode(result), ...result }, null, 2)}\n`;
}
