import type { EditorProblem } from '../../components/CodeEditor';
import { StatusBadge } from '../../components/StatusBadge';
import { severityLabel, severityTone } from '../../components/severity';

/** The editor's problems as a list too, so they can be read without hovering the gutter. */
export function ProblemList({ problems }: { problems: readonly EditorProblem[] }) {
  if (!problems.length) return null;
  return (
    <ul className="list-plain stack" aria-label="Problems in the MAS config" data-testid="config-problems">
      {problems.map((p) => (
        <li key={`${p.line}:${p.column ?? 0}:${p.message}`} className="row">
          <StatusBadge tone={severityTone[p.severity]}>{severityLabel[p.severity]}</StatusBadge>
          <span className="small muted">line {p.line}</span>
          <span className="grow">{p.message}</span>
        </li>
      ))}
    </ul>
  );
}
