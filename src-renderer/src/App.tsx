import { useState } from 'react';
import { AppInfoPanel } from './components/AppInfoPanel';
import { type ScreenId, screens } from './screens';

export function App() {
  const [current, setCurrent] = useState<ScreenId>('profiles');
  const screen = screens.find((s) => s.id === current)!;
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Migration steps">
        <div className="brand">MAS Migrator</div>
        <ol>
          {screens.map((s, index) => (
            <li key={s.id}>
              <button type="button" className={s.id === current ? 'nav-item active' : 'nav-item'} aria-current={s.id === current ? 'page' : undefined} onClick={() => setCurrent(s.id)}>
                <span className="step">{index + 1}</span>
                {s.title}
              </button>
            </li>
          ))}
        </ol>
        <AppInfoPanel />
      </nav>
      <main className="content">
        <h1>{screen.title}</h1>
        <p className="lead">{screen.summary}</p>
      </main>
    </div>
  );
}
