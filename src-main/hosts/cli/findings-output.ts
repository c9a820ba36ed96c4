import { plural } from '../../../src-shared/text';
import type { Finding } from '../../../src-shared/domain/finding';
import { checkExitCode } from '../../../src-shared/domain/finding';

const order = { error: 0, warning: 1, info: 2 } as const;

/** Findings for a person: errors first, each with where and how to fix, then a summary line. */
export function formatFindingsHuman(findings: readonly Finding[]): string {
  const sorted = [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
  const lines = sorted.flatMap((f) => [
    `${f.severity.toUpperCase()} [${f.id}] ${f.message}`,
    ...(f.source ? [`    at: ${f.source}`] : []),
    ...(f.examples?.length ? [`    e.g.: ${f.examples.join(', ')}`] : []),
    `    fix: ${f.fix}`,
  ]);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const summary =
    errors > 0
      ? `${plural(errors, 'error')} and ${plural(warnings, 'warning')}: fix the errors before migrating.`
      : warnings > 0
        ? `${plural(warnings, 'warning')}, no errors: read the warnings before migrating.`
        : 'No problems found.';
  return `${lines.join('\n')}${lines.length ? '\n\n' : ''}${summary}\n`;
}

/** Findings for scripts: one JSON object with the exit code it implies. */
export function formatFindingsJson(findings: readonly Finding[]): string {
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  return `${JSON.stringify({ exitCode: checkExitCode(findings), errors: count('error'), warnings: count('warning'), findings }, null, 2)}\n`;
}
