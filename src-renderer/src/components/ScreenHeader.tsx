import type { ReactNode } from 'react';

/** The title of the screen shown; `screen-title` names the main region. */
export function ScreenHeader({ title, summary, actions }: { title: string; summary: ReactNode; actions?: ReactNode }) {
  return (
    <header className="screen-header">
      <div>
        <h1 id="screen-title">{title}</h1>
        <p className="lead">{summary}</p>
      </div>
      {actions ? <div className="actions">{actions}</div> : null}
    </header>
  );
}
