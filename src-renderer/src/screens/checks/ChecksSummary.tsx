import type { Finding } from '../../../../src-shared/domain/finding';
import { Notice } from '../../components/Notice';
import { formatWhen } from '../../format';

/** Counts of the last check and what they mean for the real migration. */
export function ChecksSummary({ findings, ranAt, blockers }: { findings: readonly Finding[]; ranAt: string; blockers: readonly string[] }) {
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  return (
    <>
      <section className="stat-row" aria-label="Check results">
        <div className="stat">
          <strong>{count('error')}</strong>
          <span>errors</span>
        </div>
        <div className="stat">
          <strong>{count('warning')}</strong>
          <span>warnings</span>
        </div>
        <div className="stat">
          <strong>{count('info')}</strong>
          <span>notes</span>
        </div>
        <div className="stat">
          <strong className="small">{formatWhen(ranAt)}</strong>
          <span>last run</span>
        </div>
      </section>
      {blockers.length ? (
        <Notice tone={count('error') ? 'error' : 'warning'} title="The real migration is not allowed yet">
          <ul className="list-plain">
            {blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </Notice>
      ) : (
        <Notice
          tone="ok"
          title={
            findings.length ? 'Every warning is acknowledged: the migration may go ahead' : 'No problems found: the migration may go ahead'
          }
        >
          Rehearse with a dry run first; it is safe while Synapse runs.
        </Notice>
      )}
    </>
  );
}
