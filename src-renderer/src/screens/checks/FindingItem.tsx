import type { Finding } from '../../../../src-shared/domain/finding';
import { CheckboxField } from '../../components/CheckboxField';
import { StatusBadge } from '../../components/StatusBadge';
import { Button } from '../../components/Button';
import { severityLabel, severityTone } from '../../components/severity';
import { goTo } from '../../store/session';
import { findingScreens } from './finding-screens';

export interface FindingItemProps {
  finding: Finding;
  acknowledged: boolean;
  onAcknowledge: (acknowledged: boolean) => void;
}

/** One finding: what, how many, where, examples, how to fix; a warning asks to be acknowledged. */
export function FindingItem({ finding, acknowledged, onAcknowledge }: FindingItemProps) {
  const fixedOn = findingScreens[finding.id];
  return (
    <article className="finding" aria-label={`${severityLabel[finding.severity]}: ${finding.message}`} data-finding={finding.id}>
      <div className="finding-head">
        <StatusBadge tone={severityTone[finding.severity]}>{severityLabel[finding.severity]}</StatusBadge>
        <span className="message">{finding.message}</span>
        {finding.count !== undefined ? <span className="small muted">{finding.count.toLocaleString()} affected</span> : null}
      </div>
      <p>
        <strong>How to fix: </strong>
        {finding.fix}
      </p>
      {fixedOn ? (
        <div className="actions">
          <Button size="small" onClick={() => goTo(fixedOn.screen, fixedOn.landing)}>
            {fixedOn.label}
          </Button>
        </div>
      ) : null}
      {finding.source ? <p className="small muted">Found in {finding.source}</p> : null}
      {finding.examples?.length ? (
        <details>
          <summary className="small">Examples ({finding.examples.length})</summary>
          <ul className="examples">
            {finding.examples.map((example) => (
              <li key={example}>{example}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {finding.severity === 'warning' ? (
        <CheckboxField
          label="I understand this warning and accept it for the real migration"
          checked={acknowledged}
          onChange={onAcknowledge}
        />
      ) : null}
      <span className="small muted">
        <code>{finding.id}</code>
      </span>
    </article>
  );
}
