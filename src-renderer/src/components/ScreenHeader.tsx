import type { ReactNode } from 'react';

export function ScreenHeader({ title, summary, actions }: { title: string; summary: ReactNode; actions?: ReactNode }) {
  return (
    <header className="screen-header">
      <div>
        <h1>{title}</h1>
        <p className="lead">{summary}</p>
      </div>
      {actions ? <div className="actions">{actions}</div> : null}
    </header>
  );
}
