import type { Finding } from '../../../../src-shared/domain/finding';
import type { EditorProblem } from '../../components/CodeEditor';
import { lineOfPointer } from './yaml-edits';

/** Turns main's validation of a draft into problems at lines of the text the editor shows. */
export function validationProblems(text: string, schemaProblems: readonly string[], findings: readonly Finding[]): EditorProblem[] {
  const fromSchema = schemaProblems.map((problem) => {
    const pointer = problem.startsWith('/') ? problem.split(' ')[0]! : '';
    return { line: lineOfPointer(text, pointer), severity: 'error' as const, message: `Schema: ${problem}` };
  });
  const fromChecks = findings.map((f) => {
    const line = /\bline (\d+)/.exec(f.source ?? '')?.[1];
    return { line: line ? Number(line) : 1, severity: f.severity, message: `${f.message} — ${f.fix}` };
  });
  return [...fromSchema, ...fromChecks];
}
