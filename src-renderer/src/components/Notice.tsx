import type { ReactNode } from 'react';
import type { Tone } from './StatusBadge';

export interface NoticeProps {
  tone: Exclude<Tone, 'running' | 'neutral'>;
  title: ReactNode;
  children?: ReactNode;
}

/** A highlighted message in the page flow; errors are announced. */
export function Notice({ tone, title, children }: NoticeProps) {
  return (
    <div className={`notice ${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div>
        <strong>{title}</strong>
        {children ? <div className="hint">{children}</div> : null}
      </div>
    </div>
  );
}
