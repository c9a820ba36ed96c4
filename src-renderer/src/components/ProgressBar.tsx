import type { ReactNode } from 'react';
import { progressPercent } from './progress-percent';

export interface ProgressBarProps {
  label: string;
  /** Done so far and the expected total; with an unknown total the bar stays empty until done. */
  value: number;
  max: number | undefined;
  state?: 'running' | 'done' | 'failed' | 'pending';
  /** Right of the label, e.g. "1 204 / 5 000". */
  summary?: ReactNode;
  /** Below the bar: skipped, rate, time left. */
  details?: ReactNode;
}

export function ProgressBar({ label, value, max, state = 'running', summary, details }: ProgressBarProps) {
  const percent = progressPercent(value, max, state === 'done');
  return (
    <div className={`progress ${state}`}>
      <div className="progress-top">
        <span className="label">{label}</span>
        <span className="small muted">{summary}</span>
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent} %`}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      {details ? <div className="progress-details">{details}</div> : null}
    </div>
  );
}
