import type { GenerationWarning } from '../../../../src-shared/domain/config';

/** What generation could not carry over as it was: each with where it came from in the Synapse config. */
export function GenerationWarnings({ warnings }: { warnings: readonly GenerationWarning[] }) {
  if (!warnings.length) return <p className="muted">Everything was carried over.</p>;
  return (
    <ul className="list-plain stack" aria-label="Not carried over">
      {warnings.map((w) => (
        <li key={`${w.id}-${w.source ?? ''}`} className="notice warning">
          <div>
            <strong>{w.message}</strong>
            {w.source ? <div className="hint small">{w.source}</div> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
