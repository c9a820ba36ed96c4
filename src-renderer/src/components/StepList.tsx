import { StatusBadge, type Tone } from './StatusBadge';

export interface StepItem {
  id: string;
  /** What the step checks (e.g. `ssh`, `database`), when several steps may be of one kind. */
  kind?: string;
  label: string;
  state: 'pending' | 'running' | 'ok' | 'failed' | 'skipped' | 'warning';
  /** What happened (e.g. "connected as synapse to synapse@10.0.0.5"). */
  detail?: string | undefined;
  /** How to fix a failure. */
  fix?: string | undefined;
  /** What most likely makes it fail, when the fix is not certain (the go-live check). */
  cause?: string | undefined;
}

const tone: Record<StepItem['state'], Tone> = {
  pending: 'neutral',
  running: 'running',
  ok: 'ok',
  failed: 'error',
  skipped: 'neutral',
  warning: 'warning',
};
const word: Record<StepItem['state'], string> = {
  pending: 'Waiting',
  running: 'Checking',
  ok: 'OK',
  failed: 'Failed',
  skipped: 'Skipped',
  warning: 'Warning',
};

/** Steps that succeed or fail one after another (connection hops, sandbox start, go-live check), each with its fix or likely cause. */
export function StepList({ steps, label }: { steps: readonly StepItem[]; label: string }) {
  return (
    <ul className="hop-list" aria-label={label} aria-live="polite">
      {steps.map((s) => (
        <li key={s.id} className="hop" data-step={s.kind ?? s.id} data-state={s.state}>
          <StatusBadge tone={tone[s.state]}>{word[s.state]}</StatusBadge>
          <div className="hop-text">
            <strong>{s.label}</strong>
            {s.detail ? <div className={s.state === 'failed' ? 'field-error' : 'small muted'}>{s.detail}</div> : null}
            {s.fix ? <div className="small">Fix: {s.fix}</div> : null}
            {s.cause ? <div className="small">Likely cause: {s.cause}</div> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
