import type { ReactNode } from 'react';

export interface PanelProps {
  title: ReactNode;
  actions?: ReactNode;
  flush?: boolean;
  children: ReactNode;
  className?: string;
}

/** A titled card: the building block of every screen. */
export function Panel({ title, actions, flush, children, className }: PanelProps) {
  return (
    <section className={['panel', className ?? ''].join(' ').trim()}>
      <header className="panel-header">
        <h2>{title}</h2>
        {actions ? <div className="actions">{actions}</div> : null}
      </header>
      <div className={flush ? 'panel-body flush' : 'panel-body'}>{children}</div>
    </section>
  );
}
