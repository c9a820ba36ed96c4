import { type ReactNode, useEffect, useRef } from 'react';

/**
 * The title of the screen shown; `screen-title` names the main region. A new
 * screen takes the focus on its title, so the keyboard starts from the top of
 * what it shows and a screen reader announces where the admin is.
 */
export function ScreenHeader({ title, summary, actions }: { title: string; summary: ReactNode; actions?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus({ preventScroll: true }), []);
  return (
    <header className="screen-header">
      <div>
        <h1 id="screen-title" ref={heading} tabIndex={-1}>
          {title}
        </h1>
        <p className="lead">{summary}</p>
      </div>
      {actions ? <div className="actions">{actions}</div> : null}
    </header>
  );
}
